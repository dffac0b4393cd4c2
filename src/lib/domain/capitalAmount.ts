// Chinese capital amounts (大写金额) for integer fen, following the People's Bank rules for zeros and 整.

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'] as const;

/** 0–9999 without leading zero: one 零 for any run of inner zeros, none for trailing zeros. */
function section(n: number): string {
	const digits = String(n);
	let out = '';
	let pendingZero = false;
	for (let i = 0; i < digits.length; i++) {
		const d = digits.charCodeAt(i) - 48;
		const unit = UNITS[digits.length - 1 - i]!;
		if (d === 0) pendingZero = out !== '';
		else {
			if (pendingZero) out += '零';
			out += DIGITS[d]! + unit;
			pendingZero = false;
		}
	}
	return out;
}

function integer(n: number): string {
	if (n >= 1e8) return join(integer(Math.floor(n / 1e8)), '亿', n % 1e8, 1e7);
	if (n >= 1e4) return join(section(Math.floor(n / 1e4)), '万', n % 1e4, 1e3);
	return section(n);
}

/** The lower part needs a leading 零 when its highest digit position is empty (e.g. 壹万零伍佰). */
function join(high: string, unit: string, low: number, lowTop: number): string {
	if (low === 0) return high + unit;
	return high + unit + (low < lowTop ? '零' : '') + integer(low);
}

/** 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分; 100 → 壹元整; 1000001 → 壹万元零壹分. */
export function capitalAmount(amountFen: number): string {
	if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
		throw new RangeError('amount must be a non-negative integer of fen');
	}
	const yuan = Math.floor(amountFen / 100);
	const jiao = Math.floor(amountFen / 10) % 10;
	const fen = amountFen % 10;
	if (amountFen === 0) return '零元整';
	let out = yuan > 0 ? integer(yuan) + '元' : '';
	if (jiao === 0 && fen === 0) return out + '整';
	if (jiao > 0) out += DIGITS[jiao]! + '角';
	else if (yuan > 0) out += '零';
	if (fen > 0) out += DIGITS[fen]! + '分';
	return out;
}

function parseSection(s: string): number {
	let total = 0;
	let digit = 0;
	for (const ch of s) {
		const d = DIGITS.indexOf(ch);
		if (d >= 0) {
			digit = d;
			continue;
		}
		const u = UNITS.indexOf(ch as (typeof UNITS)[number]);
		if (u <= 0) throw new SyntaxError(`unexpected ${ch}`);
		total += digit * 10 ** u;
		digit = 0;
	}
	return total + digit;
}

function parseInteger(s: string): number {
	const yi = s.lastIndexOf('亿');
	if (yi >= 0) return parseInteger(s.slice(0, yi)) * 1e8 + parseInteger(s.slice(yi + 1));
	const wan = s.indexOf('万');
	if (wan >= 0) return parseSection(s.slice(0, wan)) * 1e4 + parseSection(s.slice(wan + 1));
	return parseSection(s);
}

/** Reads a capital amount back into fen (the inverse of capitalAmount, also tolerant of optional 零). */
export function parseCapitalAmount(s: string): number {
	const m = /^(?:(.*)元)?(?:零)?(?:(.)角)?(?:(.)分)?(整)?$/u.exec(s);
	if (!m) throw new SyntaxError(`not a capital amount: ${s}`);
	const [, yuan = '', jiao, fen] = m;
	const digit = (c: string | undefined) => {
		if (c === undefined) return 0;
		const d = DIGITS.indexOf(c);
		if (d < 0) throw new SyntaxError(`not a digit: ${c}`);
		return d;
	};
	return parseInteger(yuan) * 100 + digit(jiao) * 10 + digit(fen);
}
