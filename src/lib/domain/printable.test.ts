// The printed fields refuse characters the contract font lacks, with the same limits in every form that asks for them.
import { describe, expect, it } from 'vitest';
import { returnAddress } from './address';
import { contactDetails } from './contract';
import { FIELD_LIMITS } from './fieldLimits';
import { normalizePostalCode } from './postalCode';
import { isPrintable, printable, unprintableChars } from './printable';
import { textLength } from './text';

const contact = {
	person: '张喆',
	phone: '13800138000',
	email: 'a@zhekun.cn',
	mailingAddress: '深圳市南山区科苑路15号'
};
const address = {
	recipient: '张喆',
	phone: '0755-86001234',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '高新南七道18号',
	postalCode: '518057'
};
const messages = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

describe('unprintableChars', () => {
	it('names each missing character once, whole (emoji, flags, symbols), in order', () => {
		expect(unprintableChars('张😀喆😀✈')).toEqual(['😀', '✈']);
		expect(unprintableChars('🇨🇳')).toEqual(['🇨', '🇳']);
		expect(unprintableChars('张喆 𬘭 Müller（经理）·—「」、0755-12345678')).toEqual([]);
	});
	it('knows the face’s Chinese, Latin and punctuation, not emoji or the Private Use Area', () => {
		for (const c of '喆堃珺玥丂㐀中Aa0，。：；！？（）') expect(isPrintable(c.codePointAt(0)!), c).toBe(true);
		for (const cp of [0x1f600, 0x2708, 0xe000, 0xf8ff, 0x0a, 0x10ffff]) expect(isPrintable(cp)).toBe(false);
	});
});

describe('printable()', () => {
	const schema = printable(10);
	it('refuses a character the font lacks with notInFont, after the limits and the well-formedness check', () => {
		expect(messages(schema.safeParse('张😀'))).toEqual([':notInFont']);
		expect(messages(schema.safeParse('😀'.repeat(11)))).toEqual([':tooLong', ':notInFont']);
		// A control character says so, not "not in the font" as well.
		expect(messages(schema.safeParse('张\u0007'))).toEqual([':controlChar']);
		expect(schema.parse('  张喆  ')).toBe('张喆');
	});
});

describe('the same kind of field, the same rule, in the contract and in the return address', () => {
	it('an emoji in 联系人 and in 收件人 is refused by the shared schema, with the field', () => {
		expect(messages(contactDetails.safeParse({ ...contact, person: '张三😀' }))).toEqual(['person:notInFont']);
		expect(messages(returnAddress.safeParse({ ...address, recipient: '张三😀' }))).toEqual(['recipient:notInFont']);
		expect(messages(contactDetails.safeParse({ ...contact, mailingAddress: '深圳✈' }))).toEqual([
			'mailingAddress:notInFont'
		]);
		expect(messages(returnAddress.safeParse({ ...address, address: '科苑路🏢' }))).toEqual(['address:notInFont']);
	});

	it('a name is at most personName long in both, an address is refused (never cut) past its limit', () => {
		const name = '张'.repeat(FIELD_LIMITS.personName);
		expect(contactDetails.safeParse({ ...contact, person: name }).success).toBe(true);
		expect(returnAddress.safeParse({ ...address, recipient: name }).success).toBe(true);
		expect(messages(contactDetails.safeParse({ ...contact, person: `${name}张` }))).toEqual(['person:tooLong']);
		expect(messages(returnAddress.safeParse({ ...address, recipient: `${name}张` }))).toEqual(['recipient:tooLong']);
		const long = '科'.repeat(5000);
		expect(messages(returnAddress.safeParse({ ...address, address: long }))).toEqual(['address:tooLong']);
		expect(messages(contactDetails.safeParse({ ...contact, mailingAddress: long }))).toEqual([
			'mailingAddress:tooLong'
		]);
		expect(returnAddress.safeParse({ ...address, address: '科'.repeat(FIELD_LIMITS.streetAddress) }).success).toBe(
			true
		);
	});

	it('textLength counts as the schema does: NFC, trimmed', () => {
		expect(textLength('  Cafe\u0301  ')).toBe(4);
		expect(textLength('张𬘭')).toBe(2);
		expect(contactDetails.shape.person.safeParse('𬘭'.repeat(FIELD_LIMITS.personName)).success).toBe(true);
		const atLimit = ` ${'e\u0301'.repeat(FIELD_LIMITS.personName)} `;
		expect(textLength(atLimit)).toBe(FIELD_LIMITS.personName);
		expect(contactDetails.shape.person.safeParse(atLimit).success).toBe(true);
	});
});

describe('postal code as typed', () => {
	it('full-width digits and a space or hyphen in the middle become six digits; the rest is left to be refused', () => {
		expect(normalizePostalCode('５１８０５７')).toBe('518057');
		expect(normalizePostalCode(' 518 057 ')).toBe('518057');
		expect(normalizePostalCode('518-057')).toBe('518057');
		expect(normalizePostalCode('5180571')).toBe('5180571');
		expect(returnAddress.parse({ ...address, postalCode: '５１８ ０５７' }).postalCode).toBe('518057');
		expect(messages(returnAddress.safeParse({ ...address, postalCode: '5180571' }))).toEqual(['postalCode:postalCode']);
		// A code already stored stays byte-equal.
		expect(returnAddress.parse(address).postalCode).toBe('518057');
	});
});
