// The in-memory hand-over from generation to the detail page: only for that contract, and only once.
import { resolveObjectURL } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { ContractRow } from '../../db/types';
import { keepGenerated, takeGenerated } from './justGenerated';

const row = { id: 'c-1', number: 'HT-1' } as ContractRow;
const document = { contractId: 'c-1', blob: new Blob(['%PDF']), sha256: 'ab', size: 4 };

describe('justGenerated', () => {
	it('hands the stored contract to its own page once, then leaves later visits to the live reads', () => {
		keepGenerated({ row, document });
		expect(takeGenerated('c-2')).toBeUndefined();
		expect(takeGenerated('c-1')).toEqual({ row, document });
		expect(takeGenerated('c-1')).toBeUndefined();
	});
});

describe('justGenerated object URL', () => {
	it('revokes the URL of a contract whose page never took it, once the next one is kept', () => {
		const url = URL.createObjectURL(document.blob);
		expect(resolveObjectURL(url)).toBeDefined();
		keepGenerated({ row, document, url });
		keepGenerated({ row: { ...row, id: 'c-2' }, document: { ...document, contractId: 'c-2' } });
		expect(takeGenerated('c-2')?.url).toBeUndefined();
		// Revoked: resolving it finds nothing any more (it did before).
		expect(resolveObjectURL(url)).toBeUndefined();
	});
});
