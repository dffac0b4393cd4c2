// A form's state that saves itself to Dexie as the user types and comes back after a reload.
import { clearDraft, loadDraft, saveDraft } from '../db/drafts';

export class Draft<T extends object> {
	value = $state() as T;
	/** False until the stored draft (if any) has been loaded: forms wait for it before rendering. */
	restored = $state(false);
	#key: string;
	#discarded = false;

	constructor(key: string, initial: T) {
		this.#key = key;
		this.value = initial;
		void loadDraft<T>(key).then((saved) => {
			if (saved) this.value = { ...initial, ...saved };
			this.restored = true;
		});
		$effect(() => {
			const snapshot = $state.snapshot(this.value);
			// Saved on every change, not debounced: a put is cheap and a crash must not lose keystrokes.
			if (this.restored && !this.#discarded) void saveDraft(this.#key, snapshot);
		});
	}

	/** After a successful submit: the draft has become a real record. */
	async discard(): Promise<void> {
		this.#discarded = true;
		await clearDraft(this.#key);
	}
}
