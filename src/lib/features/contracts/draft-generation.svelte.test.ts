// @vitest-environment jsdom
// A Draft handed to generation: its row goes with the contract's write, and no late save brings it back.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Draft } from '../../components/draft.svelte';
import { forgetDb, getDb } from '../../db/database';
import { generateContract, type GenerateDeps, type GenerateInput } from './generate';
import { TEST_IDENTITY, TEST_PROVIDER } from '../../../../tests/support/lib/features/contracts/parties';

const identity = TEST_IDENTITY;
const provider = TEST_PROVIDER;
const contact = { person: '王喆', phone: '13800138000', email: 'zhe@example.com', mailingAddress: '深圳' };
const input: GenerateInput = { kind: 'framework', identity, provider, contact };
const fakeDeps = (over: Partial<GenerateDeps> = {}): Partial<GenerateDeps> => ({
	loadFonts: async () => ({ regular: new Uint8Array(), bold: new Uint8Array() }),
	render: async () => new Uint8Array([37, 80, 68, 70]),
	...over
});
const KEY = 'contract.framework';
type Form = { step: string; contact: typeof contact };

let stop: (() => void) | undefined;
function makeDraft(): Draft<Form> {
	let draft!: Draft<Form>;
	stop = $effect.root(() => {
		draft = new Draft<Form>(KEY, { step: 'details', contact: { ...contact, person: '' } });
	});
	// The root's body runs on the next flush.
	flushSync();
	return draft;
}
/** Lets the Draft's effect run and its queued Dexie writes settle. */
async function settle(): Promise<void> {
	flushSync();
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
}

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => {
	stop?.();
	getDb().close();
});

describe('Draft through generation', () => {
	it('is gone after the contract is saved, and a change afterwards does not re-create it', async () => {
		const draft = makeDraft();
		await expect.poll(() => draft.restored).toBe(true);
		draft.value.contact.person = '王喆';
		draft.value.step = 'confirm';
		await settle();
		expect(await getDb().drafts.get(KEY)).toMatchObject({ value: { step: 'confirm' } });

		// A keystroke's save queued just before the write begins must not land after it.
		draft.value.contact.mailingAddress = '深圳市南山区';
		flushSync();
		const row = await generateContract(input, undefined, fakeDeps(), draft);
		expect(await getDb().contracts.get(row.id)).toBeDefined();
		expect(await getDb().drafts.get(KEY)).toBeUndefined();

		// A late effect (e.g. the form reacting while navigating away) finds the draft held.
		draft.value.step = 'details';
		await settle();
		expect(await getDb().drafts.get(KEY)).toBeUndefined();
	});

	it('stays, and keeps saving, when the write fails', async () => {
		const draft = makeDraft();
		await expect.poll(() => draft.restored).toBe(true);
		draft.value.step = 'confirm';
		await settle();
		const save = async () => {
			throw new Error('disk full');
		};
		await expect(generateContract(input, undefined, fakeDeps({ save }), draft)).rejects.toThrow('disk full');
		expect(await getDb().drafts.get(KEY)).toBeDefined();
		draft.value.contact.person = '李珺';
		await settle();
		expect(await getDb().drafts.get(KEY)).toMatchObject({ value: { contact: { person: '李珺' } } });
	});
});
