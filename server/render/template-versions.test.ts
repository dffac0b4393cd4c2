// Registration across template versions: the server re-renders each record with its own version (real worker pool).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/domain/canonical';
import { contractNumber, type ContractRecord } from '../../src/lib/domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../../src/lib/domain/templateVersions';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { frameworkRecord, makeEnv, put, signIn, type TestEnv } from '../../tests/support/server/app';
import { stopRenderPool, verifyDocument } from './verify-document';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv({ verifyDocument });
	token = await signIn(env.app);
});
afterAll(async () => {
	await stopRenderPool();
	await env.cleanup();
});

/** A framework record of the demo account as a device of that template version made it. */
function recordOf(
	version: 'CD-FA-2026.1' | 'CD-FA-2026.2' | 'CD-FA-2026.3' | 'CD-FA-2026.4' | 'CD-FA-2026.5'
): ContractRecord {
	const base = frameworkRecord(env.config, { id: randomUUID() });
	const number = contractNumber(base.id, base.createdAt, version);
	if (version !== 'CD-FA-2026.1') return { ...base, number, templateVersion: version };
	// A 2026.1 record as devices made it: Party B carried no verification origin yet.
	const { verifyOrigin: _none, ...partyB } = base.partyB;
	return { ...base, number, templateVersion: version, partyB };
}

async function rendered(record: ContractRecord): Promise<string> {
	return sha256Hex(await renderContractPdf(record, await loadContractFontsNode(record.templateVersion)));
}

describe('a server that knows every template version', () => {
	it("registers a contract of the released 2026.1, 2026.2, 2026.3 (a contact named 邱𬘭), 2026.4 and of today's 2026.5: all verify, and a wrong fingerprint does not", async () => {
		const old = recordOf('CD-FA-2026.1');
		const previous = recordOf('CD-FA-2026.2');
		const base3 = recordOf('CD-FA-2026.3');
		const third = { ...base3, contact: { ...base3.contact, person: '邱𬘭' } };
		const fourth = recordOf('CD-FA-2026.4');
		const current = recordOf(CURRENT_TEMPLATE_VERSION.framework as 'CD-FA-2026.5');
		expect(current.templateVersion).toBe('CD-FA-2026.5');
		expect(old.number).toMatch(/^HT-\d{8}-[0-9A-F]{8}$/);
		expect(current.number).toMatch(/^HT-\d{8}-[0-9A-F]{16}$/);
		const [oldSha, previousSha, thirdSha, fourthSha, currentSha] = await Promise.all([
			rendered(old),
			rendered(previous),
			rendered(third),
			rendered(fourth),
			rendered(current)
		]);

		for (const [record, sha] of [
			[old, oldSha],
			[previous, previousSha],
			[third, thirdSha],
			[fourth, fourthSha],
			[current, currentSha]
		] as const) {
			const res = await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: sha }, { token });
			expect(res.status, record.templateVersion).toBe(201);
			expect(((await res.json()) as { contract: { status: string } }).contract.status).toBe('effective');
		}

		// The same record claimed under the other version's rendering is refused: each version renders its own bytes.
		const swapped = { ...recordOf('CD-FA-2026.1') };
		const res = await put(
			env.app,
			`/api/v1/contracts/${swapped.id}`,
			{ record: swapped, pdfSha256: currentSha },
			{ token }
		);
		expect(res.status).toBe(422);
		expect(((await res.json()) as { error: string }).error).toBe('fingerprintMismatch');
		// 2026.5 differs from 2026.4 in how lines are set and a few words, on the same fonts: a 2026.5 record with
		// 2026.4's bytes is refused too.
		const reset = recordOf('CD-FA-2026.5');
		const as4 = await rendered({
			...reset,
			templateVersion: 'CD-FA-2026.4',
			number: contractNumber(reset.id, reset.createdAt, 'CD-FA-2026.4')
		});
		const refused = await put(env.app, `/api/v1/contracts/${reset.id}`, { record: reset, pdfSha256: as4 }, { token });
		expect(refused.status).toBe(422);
		expect(((await refused.json()) as { error: string }).error).toBe('fingerprintMismatch');
	}, 120_000);
});
