import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/lib/domain/canonical';
import { exampleFiling } from '../src/lib/pdf/examples';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { verifyDocument } from './verify-document';

describe('verifyDocument', () => {
	it('accepts the fingerprint of the document the device rendered and refuses any other', async () => {
		const record = exampleFiling();
		const pdf = await renderContractPdf(record, await loadContractFontsNode());
		const sha = await sha256Hex(pdf);
		expect(await verifyDocument(record, sha)).toBe(true);
		expect(await verifyDocument(record, sha.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBe(false);
		// A record changed after rendering no longer matches the fingerprint registered for it.
		expect(await verifyDocument({ ...record, contact: { ...record.contact, person: '李四' } }, sha)).toBe(false);
	});
});
