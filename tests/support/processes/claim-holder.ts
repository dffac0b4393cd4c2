// Test fixture process: opens the PostgreSQL store, claims an idempotency key and hangs mid-request until killed.
import { openPgStore } from '../../../server/store/pg/index';

const store = await openPgStore(process.env.DATABASE_URL!, { schema: process.env.PG_SCHEMA! });
const claim = await store.claimIdempotency('acct', process.env.CLAIM_KEY!, 'h', Date.now());
console.log(`CLAIMED ${claim.kind} ${store.owner}`);
setInterval(() => {}, 60_000);
