// Money shown to people: integer fen formatted as yuan, without ever going through floats.

/** 123456 → "1,234.56" */
export function formatYuan(amountFen: number): string {
	if (!Number.isSafeInteger(amountFen)) throw new RangeError('amount must be an integer of fen');
	const negative = amountFen < 0;
	const abs = String(Math.abs(amountFen)).padStart(3, '0');
	const yuan = abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${yuan}.${abs.slice(-2)}`;
}
