// Signing in with another account's code never wipes unsent work or contracts without the user's word.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { getMeta, META, type Session } from '../../src/lib/db/meta';
import { signIn } from '../../src/lib/features/account/session';
import { changesBody, json, queueContract, resetDevice } from '../support/unit/helpers';

/** The server: an access code per account, and an empty delta for whoever pulls. */
const ACCOUNTS: Record<string, string> = { 'code-1': 'acct-1', 'code-2': 'acct-2' };

function stubServer() {
	const calls: string[] = [];
	vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		calls.push(url);
		if (url.endsWith('/session')) {
			const { code } = JSON.parse(String(init?.body)) as { code: string };
			const accountId = ACCOUNTS[code];
			return accountId
				? json(201, { token: `tok-${accountId}-${calls.length}`, accountId })
				: json(401, { error: 'badCode' });
		}
		const token = new Headers(init?.headers).get('authorization')!;
		const accountId = /tok-(acct-\d)/.exec(token)![1]!;
		return json(200, changesBody(accountId));
	});
	return calls;
}

beforeEach(() => resetDevice({ token: 'expired', accountId: 'acct-1' }));
afterEach(() => {
	vi.unstubAllGlobals();
	getDb().close();
});

describe('signIn', () => {
	it('another account while contracts and unsent submissions are on the device: asks first, wipes only on confirm', async () => {
		stubServer();
		const contract = await queueContract();
		const result = await signIn('code-2');
		expect(result.kind).toBe('needsConfirmation');
		if (result.kind !== 'needsConfirmation') return;
		expect(result.loss).toEqual({ unsent: 1, contracts: 1 });
		// Nothing happened yet: the old account's work and session are intact (cancel = just drop the result).
		expect(await getDb().contracts.get(contract.id)).toBeDefined();
		expect(await getDb().outbox.count()).toBe(1);
		expect((await getMeta<Session>(META.session))?.accountId).toBe('acct-1');

		const session = await result.confirm();
		expect(session.accountId).toBe('acct-2');
		expect(await getDb().contracts.count()).toBe(0);
		expect(await getDb().outbox.count()).toBe(0);
		expect(await getDb().documents.count()).toBe(0);
		expect(await getMeta<Session>(META.session)).toEqual(session);
		expect((await getDb().identity.toArray()).map((i) => i.accountId)).toEqual(['acct-2']);
	});

	it('contracts not registered yet count even when their outbox row is done; registered ones come back and do not', async () => {
		stubServer();
		const pending = await queueContract();
		const registered = await queueContract();
		await getDb().outbox.toCollection().modify({ status: 'done' });
		await getDb().contracts.update(registered.id, { status: 'effective', registeredAt: '2026-11-27T02:00:00.000Z' });
		const result = await signIn('code-2');
		expect(result).toMatchObject({ kind: 'needsConfirmation', loss: { unsent: 0, contracts: 1 } });
		await getDb().contracts.update(pending.id, { status: 'effective', registeredAt: '2026-11-27T02:00:00.000Z' });
		expect(await signIn('code-2')).toMatchObject({ kind: 'signedIn' });
	});

	it('the same account after a 401 keeps everything, unsent rows included', async () => {
		stubServer();
		const contract = await queueContract();
		const result = await signIn('code-1');
		expect(result.kind).toBe('signedIn');
		expect(await getDb().contracts.get(contract.id)).toBeDefined();
		expect(await getDb().outbox.count()).toBe(1);
		expect(await getMeta<Session>(META.session)).toMatchObject({
			accountId: 'acct-1',
			token: expect.stringMatching(/^tok-acct-1/)
		});
	});

	it('another account with only pulled data on the device: switches without asking', async () => {
		stubServer();
		await getDb().filings.put({ id: 'f-1' } as never);
		const result = await signIn('code-2');
		expect(result).toMatchObject({ kind: 'signedIn', session: { accountId: 'acct-2' } });
		expect(await getDb().filings.count()).toBe(0);
	});
});
