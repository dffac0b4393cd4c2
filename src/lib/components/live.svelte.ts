// Dexie liveQuery as a rune: re-runs when its inputs change and when the tables it read change.
import { liveQuery } from 'dexie';

export class Live<T> {
	current = $state<T | undefined>(undefined);
	loading = $state(true);
	error = $state<unknown>(null);

	/** `query` runs inside an effect: the state it reads before returning the querier restarts it. */
	constructor(query: () => () => Promise<T>) {
		$effect(() => {
			const run = query();
			this.loading = true;
			const sub = liveQuery(run).subscribe({
				next: (value) => {
					this.current = value;
					this.loading = false;
					this.error = null;
				},
				error: (e: unknown) => {
					this.error = e;
					this.loading = false;
				}
			});
			return () => sub.unsubscribe();
		});
	}
}
