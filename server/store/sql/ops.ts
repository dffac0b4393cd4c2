// The Store operations written once for both databases, each run by the store's own runner in the transaction it needs.
import type { StoreOps } from '../forwarding';
import { changes, changesPage } from './changes';
import type { Runner } from './steps';

export const SHARED_OPS = {
	changes: (db: Runner, accountId: string, since: number) => db.snapshot(() => changes(accountId, since)),
	changesPage: (db: Runner, accountId: string, query: { since: number; page?: string; limit: number }) =>
		db.snapshot((d) => changesPage(d, accountId, query))
} satisfies Partial<StoreOps<Runner>>;

/** What a database still supplies itself: the rest of the Store, and any shared op it does its own way. */
export type OwnOps<C extends Runner> = Omit<StoreOps<C>, keyof typeof SHARED_OPS> & Partial<StoreOps<C>>;
