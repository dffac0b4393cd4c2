// A form's state that saves itself to Dexie as the user types and comes back after a reload.
import { databaseExists } from '../db/presence';

// Loaded on first use: a form on a device without a database yet (sign-in on a first visit) has nothing to
// restore, and the storage layer comes with the first keystroke instead of with the page.
const drafts = () => import('../db/drafts');

export class Draft<T extends object> {
	value = $state() as T;
	/** False until the stored draft (if any) has been loaded: forms wait for it before rendering. */
	restored = $state(false);
	#key: string;
	/** Set once the draft has become a record (or is about to): no save may re-create its row. */
	#discarded = false;
	/** Saves run one after another, so `hold` can wait for the last one and none overtakes another. */
	#saving: Promise<void> = Promise.resolve();
	/** What the stored row holds (or the untouched form): an unchanged form is not written, nor the database created for it. */
	#stored: string | null = null;

	constructor(key: string, initial: T) {
		this.#key = key;
		this.value = initial;
		void databaseExists()
			.then(async (exists) => (exists ? (await drafts()).loadDraft<T>(key) : undefined))
			.then((saved) => {
				if (saved) this.value = { ...initial, ...saved };
				this.#stored = JSON.stringify($state.snapshot(this.value));
				this.restored = true;
			});
		$effect(() => {
			const snapshot = $state.snapshot(this.value);
			// Saved on every change, not debounced: a put is cheap and a crash must not lose keystrokes.
			if (this.restored && !this.#discarded) this.#save(snapshot);
		});
	}

	get key(): string {
		return this.#key;
	}

	#save(snapshot: unknown): void {
		const json = JSON.stringify(snapshot);
		if (json === this.#stored) return;
		this.#stored = json;
		this.#saving = this.#saving
			.then(() => {
				// Checked again when the save's turn comes: a hold in between wins over a queued save.
				if (!this.#discarded) return drafts().then((d) => d.saveDraft(this.#key, snapshot));
			})
			.catch((e: unknown) => console.error('draft save failed', e));
	}

	/**
	 * Stops saving and waits until saves already started have finished: the caller deletes the row
	 * in its own transaction next, and a save landing after that would bring the draft back.
	 */
	async hold(): Promise<void> {
		this.#discarded = true;
		await this.#saving;
	}

	/** The caller's transaction failed: the draft is still the user's work, so save it again. */
	resume(): void {
		this.#discarded = false;
		this.#stored = null;
		this.#save($state.snapshot(this.value));
	}

	/** After a successful submit that did not delete the row itself: the draft has become a real record. */
	async discard(): Promise<void> {
		await this.hold();
		await (await drafts()).clearDraft(this.#key);
	}
}
