// Progress of bringing the account's contracts back (pull pages restored, documents downloaded), observable by the UI.
import { createSubscriber } from 'svelte/reactivity';

// Plain TypeScript with createSubscriber rather than $state: the sync engine that writes it also runs in Node
// (benchmarks, tools), where a rune module cannot load; components reading a getter still re-render on change.
class RestoreProgress {
	#contracts: { done: number; total: number } | null = null;
	#documentsDone = 0;
	#downloading = false;
	#notify: () => void = () => {};
	#subscribe = createSubscriber((update) => {
		this.#notify = update;
		return () => (this.#notify = () => {});
	});

	/** Contracts restored by the paged pull running now, out of how many it carries; null when none runs. */
	get contracts() {
		this.#subscribe();
		return this.#contracts;
	}
	set contracts(value: { done: number; total: number } | null) {
		this.#contracts = value;
		this.#notify();
	}
	/** Documents stored by the download run in progress (the remaining count is read live from Dexie). */
	get documentsDone() {
		this.#subscribe();
		return this.#documentsDone;
	}
	set documentsDone(value: number) {
		this.#documentsDone = value;
		this.#notify();
	}
	/** A download run is in progress. */
	get downloading() {
		this.#subscribe();
		return this.#downloading;
	}
	set downloading(value: boolean) {
		this.#downloading = value;
		this.#notify();
	}
}

export const restoreProgress = new RestoreProgress();
