// 「粘贴识别」: one pasted line (name, phone, address, postal code in any order) read into return-address fields.
// Loaded only by the paste box, lazily: the parser brings its own division table (34 KB gzip).
import addressParse from 'address-parse';
import { listCities, listDistricts, listProvinces } from '../../domain/area';
import { normalizePhone } from '../../domain/phone';
import type { StampingForm } from './form';

// CommonJS marked __esModule: Vite's build hands over the whole exports object as the default, Node its `default`.
const AddressParse =
	'parse' in addressParse ? addressParse : (addressParse as unknown as { default: typeof addressParse }).default;

export type PastedField = 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'address' | 'postalCode';
export type PastedAddress = Partial<Pick<StampingForm, PastedField>>;

// A mobile number as people write it — `+86 138 1234 5678`, `186-0000-1234` — not inside a longer digit run.
const MOBILE_AS_TYPED = /(?<!\d)(?:(?:\+|00)\s*86[\s-]*)?(1[3-9]\d(?:[\s-]?\d){8})(?!\d)/g;

/**
 * The parser splits on spaces and reads `+86` as a name, so mobile numbers are written as 11 digits first.
 * Divisions are taken from the district code the parser found and looked up in the official division data
 * the form's selects use, so only names the form can show are filled; what cannot be found is left empty.
 */
export function parsePastedAddress(line: string): PastedAddress {
	const cleaned = line
		.normalize('NFKC')
		.replace(MOBILE_AS_TYPED, (_m, mobile: string) => ` ${mobile.replace(/[\s-]/g, '')} `)
		.trim();
	if (!cleaned) return {};
	const parsed = AddressParse.parse(cleaned)[0];
	if (!parsed) return {};
	const out: PastedAddress = {};
	if (parsed.name.trim()) out.recipient = parsed.name.trim();
	const phone = parsed.mobile || parsed.phone;
	if (phone) out.phone = normalizePhone(phone);
	if (/^\d{6}$/.test(parsed.zip_code)) out.postalCode = parsed.zip_code;
	const code = /^\d{6}$/.test(parsed.code) ? parsed.code : '';
	const province = listProvinces().find((p) =>
		code ? p.code.slice(0, 2) === code.slice(0, 2) : parsed.province && p.name.startsWith(parsed.province)
	);
	if (province) {
		out.province = province.name;
		const city = listCities(province.name).find((c) =>
			code ? c.code.slice(0, 4) === code.slice(0, 4) : c.name === parsed.city
		);
		if (city) {
			out.city = city.name;
			const district = listDistricts(province.name, city.name).find((d) =>
				code ? d.code === code : d.name === parsed.area
			);
			if (district) out.district = district.name;
		}
	}
	const details = parsed.details.trim();
	if (details) out.address = details;
	return out;
}
