// /api/v1/contracts/:id/stamping: the stamping request (线下盖章申请) of a registered contract and its 确认收到, both idempotent writes; the rules in registry/stamping.ts and registry/stamping-receipt.ts.
import { Hono, type MiddlewareHandler } from 'hono';
import { stampingSubmission } from '../../src/lib/domain/stamping';
import { stampingReceipt } from '../../src/lib/domain/stampingReceipt';
import type { AppEnv } from '../auth/account-session';
import { readBody } from '../http/http';
import { idempotencyKey, missingKey, runIdempotent } from '../http/idempotency';
import { submitStamping } from '../registry/stamping';
import { confirmReceipt } from '../registry/stamping-receipt';
import type { Store } from '../store/index';

export interface StampingDeps {
	store: Store;
	requireAccount: MiddlewareHandler<AppEnv>;
	now: () => number;
}

export function stampingRoutes(deps: StampingDeps): Hono<AppEnv> {
	const { store, requireAccount } = deps;
	const iso = () => new Date(deps.now()).toISOString();
	const routes = new Hono<AppEnv>();

	routes.put('/:id/stamping', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, stampingSubmission);
		if (!body.ok) return body.response;
		const accountId = c.get('accountId');
		const contractId = c.req.param('id');
		return runIdempotent(c, store, { scope: accountId, key, body: body.value, now: deps.now() }, (idem) =>
			submitStamping(store, { accountId, contractId, submission: body.value, now: iso() }, idem)
		);
	});

	routes.put('/:id/stamping/receipt', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, stampingReceipt);
		if (!body.ok) return body.response;
		const accountId = c.get('accountId');
		const contractId = c.req.param('id');
		return runIdempotent(c, store, { scope: accountId, key, body: body.value, now: deps.now() }, (idem) =>
			confirmReceipt(store, { accountId, contractId, body: body.value, now: iso() }, idem)
		);
	});

	return routes;
}
