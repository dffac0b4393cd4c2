// The registered copy: same record and fingerprint, the registration time printed in the electronic record box.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { canonicalJson, sha256Hex } from '../../domain/canonical';
import type { ContractRow } from '../../db/types';
import { exampleFramework } from '../../pdf/examples';
import { hasRegisteredCopy, renderRegisteredCopy } from './registeredCopy';

vi.mock('../../pdf/fonts', async () => ({
	loadContractFonts: (await import('../../pdf/fonts-node')).loadContractFontsNode
}));

function text(pdf: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'registered-'));
	try {
		writeFileSync(join(dir, 'a.pdf'), pdf);
		return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('registered copy', () => {
	it('prints the registration time (Beijing) beside the unchanged fingerprint of the same record', async () => {
		const record = exampleFramework();
		const contentHash = await sha256Hex(canonicalJson(record));
		const row = {
			...record,
			status: 'effective',
			registeredAt: '2026-03-15T03:05:00.000Z',
			contentHash,
			pdfSha256: '0'.repeat(64),
			searchKeys: []
		} as ContractRow;
		expect(hasRegisteredCopy(row)).toBe(true);
		const pdf = text(await renderRegisteredCopy(row));
		expect(pdf).toContain('2026年3月15日 11:05（北京时间），乙方登记本合同');
		expect(pdf.replace(/\s+/g, '')).toContain(contentHash);
	});

	it('exists only for registered contracts of versions with an electronic record', () => {
		const base = {
			status: 'effective' as const,
			registeredAt: '2026-03-15T03:05:00.000Z',
			templateVersion: 'CD-FA-2026.3'
		};
		expect(hasRegisteredCopy({ ...base, status: 'pending', registeredAt: null })).toBe(false);
		expect(hasRegisteredCopy({ ...base, templateVersion: 'CD-FA-2026.1' })).toBe(false);
		expect(hasRegisteredCopy({ ...base, status: 'void' })).toBe(false);
	});
});
