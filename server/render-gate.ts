// Admission to the registration re-render: a few renders per account at once, a bounded total, everyone else told when to retry.
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

/**
 * A heavy render costs ~0.1–0.5 s of a worker. Without admission one account's 20 concurrent
 * registrations queued 20 renders in front of everybody else's; with it they get 429 at once and the
 * outbox retries them later, while another account's render finds a free worker.
 */
export class RenderGate {
	readonly #perAccount: number;
	readonly #total: number;
	readonly #admitted = new Map<string, number>();
	#count = 0;

	constructor(options: RenderGateOptions) {
		if (!(options.perAccount >= 1 && options.total >= options.perAccount)) {
			throw new Error(`render gate needs 1 <= perAccount <= total: ${options.perAccount}, ${options.total}`);
		}
		this.#perAccount = options.perAccount;
		this.#total = options.total;
	}

	get admitted(): number {
		return this.#count;
	}

	async run<T>(accountId: string, render: () => Promise<T>): Promise<T> {
		const mine = this.#admitted.get(accountId) ?? 0;
		if (mine >= this.#perAccount) throw new RenderBusyError('account');
		if (this.#count >= this.#total) throw new RenderBusyError('global');
		this.#admitted.set(accountId, mine + 1);
		this.#count++;
		try {
			return await render();
		} finally {
			this.#count--;
			const left = (this.#admitted.get(accountId) ?? 1) - 1;
			if (left > 0) this.#admitted.set(accountId, left);
			else this.#admitted.delete(accountId);
		}
	}
}
