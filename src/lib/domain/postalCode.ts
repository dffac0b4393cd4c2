// Postal codes against the province: the first two digits of every mainland code belong to one province (the
// national postal code plan); Hong Kong and Macau use the international codes 999077 and 999078.

/** First two digits by province, by the names of the official division data (@vant/area-data). */
export const POSTAL_PREFIXES: Readonly<Record<string, readonly string[]>> = {
	北京市: ['10'],
	天津市: ['30'],
	河北省: ['05', '06', '07'],
	山西省: ['03', '04'],
	内蒙古自治区: ['01', '02'],
	辽宁省: ['11', '12'],
	吉林省: ['13'],
	黑龙江省: ['15', '16'],
	上海市: ['20'],
	江苏省: ['21', '22'],
	浙江省: ['31', '32'],
	安徽省: ['23', '24'],
	福建省: ['35', '36'],
	江西省: ['33', '34'],
	山东省: ['25', '26', '27'],
	河南省: ['45', '46', '47'],
	湖北省: ['43', '44'],
	湖南省: ['41', '42'],
	广东省: ['51', '52'],
	广西壮族自治区: ['53', '54'],
	海南省: ['57'],
	重庆市: ['40'],
	四川省: ['61', '62', '63', '64'],
	贵州省: ['55', '56'],
	云南省: ['65', '66', '67'],
	西藏自治区: ['85', '86'],
	陕西省: ['71', '72'],
	甘肃省: ['73', '74'],
	青海省: ['81'],
	宁夏回族自治区: ['75'],
	新疆维吾尔自治区: ['83', '84']
};

const SPECIAL: Readonly<Record<string, string>> = { 香港特别行政区: '999077', 澳门特别行政区: '999078' };

/**
 * Whether a six-digit code can be one of the province's. A province the plan does not cover (Taiwan) is not
 * checked beyond the six digits; `000000` and the like belong to no province.
 */
export function postalCodeFitsProvince(code: string, province: string): boolean {
	if (!/^\d{6}$/.test(code)) return false;
	const special = SPECIAL[province];
	if (special) return code === special;
	const prefixes = POSTAL_PREFIXES[province];
	if (!prefixes) return !/^0+$/.test(code) && province.trim() !== '';
	return prefixes.includes(code.slice(0, 2));
}

/**
 * How people type a code, made into six digits: full-width digits (５１８０５７) and the space or hyphen some put in
 * the middle (518 057). Anything else is left for the check to refuse, never cut down to fit.
 */
export function normalizePostalCode(value: string): string {
	const folded = value.normalize('NFKC').trim();
	const joined = folded.replace(/[\s-]/g, '');
	return /^\d{6}$/.test(joined) ? joined : folded;
}
