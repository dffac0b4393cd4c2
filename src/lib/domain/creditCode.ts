// Unified social credit code (统一社会信用代码) per GB 32100-2015: charset and check character.

/** The 31 characters the standard allows (no I, O, Z, S, V), in value order. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
	if (first17.length !== 17) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
		if (value < 0) return null;
		sum += value * WEIGHTS[i]!;
	}
	return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
	if (code.length !== 18) return false;
	return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
