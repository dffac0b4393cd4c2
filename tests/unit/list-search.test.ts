// The contract list's search lives for the visit only and goes with the account: signing out forgets it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { signOut } from '../../src/lib/features/account/session';
import { listSearch } from '../../src/lib/features/contracts/list/search.svelte';
import { resetDevice } from '../support/unit/helpers';

beforeEach(() => resetDevice());
afterEach(() => getDb().close());

describe('contract list search', () => {
	it('is forgotten when the device forgets the account, so the next account does not open on it', async () => {
		listSearch.value = '51BFE982';
		await signOut();
		expect(listSearch.value).toBe('');
	});
});
