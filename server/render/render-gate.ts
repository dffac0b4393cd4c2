// Admission to the registration re-render: a few renders per account at once (in this process, or across processes through the database), a bounded total per process, everyone else told when to retry.
export class RenderBusyError extends Error {
	override name = 'RenderBusyError';
	constructor(
		/** 'account': this account has its share running (429); 'global': the renderer is saturated (503). */
		readonly scope: 'account' | 'global'
	) {
		super(scope === 'account' ? 'too many renders for this account' : 'render queue full');
	}
}

export interface RenderGateOptions {
	/** Renders one account may have admitted at once (running or waiting for a worker). */
	perAccount: number;
	/** Renders admitted in total; beyond it nobody waits, so a flood cannot build an unbounded queue. */
	total: number;
}

/** Gives back an account's slot. */
export type ReleaseSlot = () => void | Promise<void>;

/**
 * Where an account's render slots are counted: in this process, or in a table every process shares (the
 * PostgreSQL store's leases), so that N processes behind a balancer still give one account `perAccount` renders.
 */
export interface AccountSlots {
	/** One of the account's `perAccount` slots, in one step with the check; null when all are taken. */
	acquire(accountId: string, perAccount: number): ReleaseSlot | null | Promise<ReleaseSlot | null>;
}

/** Slots counted in this process (SQLite deployments: one process). */
export class MemoryAccountSlots implements AccountSlots {
	readonly #admitted = new Map<string, number>();

	acquire(accountId: string, perAccount: number): ReleaseSlot | null {
		const mine = this.#admitted.get(accountId) ?? 0;
		if (mine >= perAccount) return null;
		this.#admitted.set(accountId, mine + 1);
		return () => {
			const left = (this.#admitted.get(accountId) ?? 1) - 1;
			if (left > 0) this.#admitted.set(accountId, left);
			else this.#admitted.delete(accountId);
		};
	}
}

/**
 * A heavy render costs ~0.1–0.5 s of a worker. Without admission one account's 20 concurrent
 * registrations queued 20 renders in front of everybody else's; with it they get 429 at once and the
 * outbox retries them later, while another account's render finds a free worker.
 */
export class RenderGate {
	readonly #perAccount: number;
	readonly #total: number;
	readonly #slots: AccountSlots;
	#count = 0;

	constructor(options: RenderGateOptions, slots: AccountSlots = new MemoryAccountSlots()) {
		if (!(options.perAccount >= 1 && options.total >= options.perAccount)) {
			throw new Error(`render gate needs 1 <= perAccount <= total: ${options.perAccount}, ${options.total}`);
		}
		this.#perAccount = options.perAccount;
		this.#total = options.total;
		this.#slots = slots;
	}

	get admitted(): number {
		return this.#count;
	}

	async run<T>(accountId: string, render: () => Promise<T>): Promise<T> {
		// The in-memory slots answer synchronously: no await between their check and the total's.
		const acquired = this.#slots.acquire(accountId, this.#perAccount);
		const release = acquired instanceof Promise ? await acquired : acquired;
		if (!release) throw new RenderBusyError('account');
		// The total is this process's: it bounds the queue in front of this process's render workers.
		if (this.#count >= this.#total) {
			await release();
			throw new RenderBusyError('global');
		}
		this.#count++;
		try {
			return await render();
		} finally {
			this.#count--;
			await release();
		}
	}
}
