// The server holds typed text to the same rules as the forms: a character the contract font lacks, or text past its limit, → 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LIMITS } from '../../src/lib/domain/fieldLimits';
import {
	frameworkRecord,
	makeEnv,
	put,
	RETURN_ADDRESS,
	signIn,
	PDF_SHA,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

async function fields(res: Response): Promise<Record<string, string[]>> {
	return ((await res.json()) as { fields?: Record<string, string[]> }).fields ?? {};
}

describe('printed fields on the server', () => {
	it('PUT /contracts/:id refuses an emoji in contact.person and contact.mailingAddress with notInFont', async () => {
		for (const [field, value] of [
			['person', '张三😀'],
			['mailingAddress', '深圳市✈南山区']
		] as const) {
			const record = frameworkRecord(env.config);
			const body = { record: { ...record, contact: { ...record.contact, [field]: value } }, pdfSha256: PDF_SHA };
			const res = await put(env.app, `/api/v1/contracts/${record.id}`, body, { token });
			expect(res.status, field).toBe(400);
			expect((await fields(res))[`record.contact.${field}`], field).toContain('notInFont');
		}
	});

	it('PUT /contracts/:id/stamping refuses an emoji in the recipient or the address, and an address past its limit', async () => {
		const cases = [
			['recipient', '王珺🎉', 'notInFont'],
			['address', '科苑路🏢8 号', 'notInFont'],
			['address', '科'.repeat(FIELD_LIMITS.streetAddress + 1), 'tooLong'],
			['recipient', '王'.repeat(FIELD_LIMITS.personName + 1), 'tooLong']
		] as const;
		for (const [field, value, reason] of cases) {
			const res = await put(
				env.app,
				`/api/v1/contracts/${crypto.randomUUID()}/stamping`,
				{ returnAddress: { ...RETURN_ADDRESS, [field]: value } },
				{ token }
			);
			expect(res.status, `${field} ${reason}`).toBe(400);
			expect((await fields(res))[`returnAddress.${field}`], `${field} ${reason}`).toContain(reason);
		}
		expect((env.store.db.prepare(`SELECT COUNT(*) AS n FROM stamping_requests`).get() as { n: number }).n).toBe(0);
	});
});
