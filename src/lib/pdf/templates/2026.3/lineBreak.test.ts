// Line breaking of 2026.3: 2026.2's cases, and runs of letters of every script the complete face sets.
import { describe, expect, it } from 'vitest';
import { describeLineBreak, measure } from '../../../../../tests/support/lib/pdf/line-break';
import { breakLines } from './lineBreak';

describeLineBreak('2026.3', breakLines);

describe('breakLines of 2026.3', () => {
	it('keeps Latin-1 and other alphabetic words whole as runs (2026.3 sets every letter of the face)', () => {
		expect(breakLines('地址Øresund Straße 5', 8, measure)).toEqual(['地址Øresund ', 'Straße 5']);
	});
});
