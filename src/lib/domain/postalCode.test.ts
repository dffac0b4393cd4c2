// Postal codes checked against the province, in the shared return-address schema.
import { describe, expect, it } from 'vitest';
import { returnAddress } from './address';
import { POSTAL_PREFIXES, postalCodeFitsProvince } from './postalCode';
import { listProvinces } from './area';

const shenzhen = {
	recipient: '张三',
	phone: '138 1234 5678',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '高新南七道18号',
	postalCode: '518057'
};

describe('postalCodeFitsProvince', () => {
	it('accepts each province’s own codes', () => {
		expect(postalCodeFitsProvince('518057', '广东省')).toBe(true);
		expect(postalCodeFitsProvince('100080', '北京市')).toBe(true);
		expect(postalCodeFitsProvince('200120', '上海市')).toBe(true);
		expect(postalCodeFitsProvince('050000', '河北省')).toBe(true);
		expect(postalCodeFitsProvince('830000', '新疆维吾尔自治区')).toBe(true);
		expect(postalCodeFitsProvince('999077', '香港特别行政区')).toBe(true);
	});
	it('refuses another province’s code, 000000 and anything not six digits', () => {
		expect(postalCodeFitsProvince('100000', '广东省')).toBe(false);
		expect(postalCodeFitsProvince('000000', '广东省')).toBe(false);
		expect(postalCodeFitsProvince('000000', '台湾省')).toBe(false);
		expect(postalCodeFitsProvince('51805', '广东省')).toBe(false);
		expect(postalCodeFitsProvince('518057', '香港特别行政区')).toBe(false);
	});
	it('names every mainland province of the division data, and no prefix twice', () => {
		const names = listProvinces().map((p) => p.name);
		for (const name of Object.keys(POSTAL_PREFIXES)) expect(names, name).toContain(name);
		const all = Object.values(POSTAL_PREFIXES).flat();
		expect(new Set(all).size).toBe(all.length);
	});
});

describe('returnAddress', () => {
	it('normalises the phone and refuses a postal code of another province', () => {
		expect(returnAddress.parse(shenzhen)).toMatchObject({ phone: '13812345678', postalCode: '518057' });
		const wrong = returnAddress.safeParse({ ...shenzhen, postalCode: '100000' });
		expect(wrong.success).toBe(false);
		expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['postalCode', 'postalCodeProvince']
		]);
		expect(returnAddress.safeParse({ ...shenzhen, postalCode: '000000' }).success).toBe(false);
	});
});
