import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, isValidCreditCode } from './creditCode';

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const first17 = fc.array(charsetChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
const validCode = first17.map((s) => s + creditCodeCheckChar(s)!);

describe('unified social credit code (GB 32100-2015)', () => {
	it.each([
		['91350100M000100Y43', true], // published example
		['91110000600037341L', true],
		['91440300MA5FXXXX0X', false], // well-formed, but 0X is not its check character
		['91350100M000100Y44', false], // wrong check character
		['91350100M000100Y4', false], // 17 characters
		['91350100M000100Y433', false], // 19 characters
		['91350100I000100Y43', false], // I is not allowed
		['91350100O000100Y43', false], // O is not allowed
		['91350100m000100Y43', false], // lower case is not the canonical form
		['', false]
	])('%s → %s', (code, ok) => {
		expect(isValidCreditCode(code)).toBe(ok);
	});

	it('accepts every code built with its own check character', () => {
		fc.assert(
			fc.property(validCode, (code) => isValidCreditCode(code)),
			{ numRuns: 2000 }
		);
	});

	it('rejects every single-character change of a valid code', () => {
		fc.assert(
			fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, shift) => {
				const old = CREDIT_CODE_CHARSET.indexOf(code[pos]!);
				const replacement = CREDIT_CODE_CHARSET[(old + shift) % 31]!;
				const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
				return !isValidCreditCode(changed);
			}),
			{ numRuns: 5000 }
		);
	});

	it('rejects a character outside the charset at any position', () => {
		fc.assert(
			fc.property(
				validCode,
				fc.integer({ min: 0, max: 17 }),
				fc.constantFrom('I', 'O', 'Z', 'S', 'V', 'a', '-', ' ', '中'),
				(code, pos, bad) => !isValidCreditCode(code.slice(0, pos) + bad + code.slice(pos + 1))
			)
		);
	});
});
