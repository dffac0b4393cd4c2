import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.svelte';
import { EMPTY_FORM, errorText, oneLine, toSubmission, validate, type StampingForm } from './form';

const good: StampingForm = {
	...EMPTY_FORM,
	recipient: ' 李喆 ',
	phone: '0755-86013388',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '科技园科苑路 8 号',
	postalCode: '518057'
};

describe('validate', () => {
	it('gives the trimmed submission, without a shipment when none was given', () => {
		expect(validate(good)).toEqual({
			errors: {},
			data: { returnAddress: { ...toSubmission(good).returnAddress, recipient: '李喆' } }
		});
	});

	it('keeps a complete shipment', () => {
		expect(validate({ ...good, courier: '顺丰速运', trackingNumber: 'SF1234567890' }).data?.outbound).toEqual({
			courier: '顺丰速运',
			trackingNumber: 'SF1234567890'
		});
	});

	it.each([
		[{ recipient: '' }, 'recipient', 'required'],
		[{ phone: '12345' }, 'phone', 'phoneFormat'],
		[{ phone: '' }, 'phone', 'required'],
		[{ postalCode: '51805' }, 'postalCode', 'postalCode'],
		[{ district: '朝阳区' }, 'district', 'division'],
		[{ city: '', district: '' }, 'city', 'required'],
		[{ address: 'x'.repeat(121) }, 'address', 'tooLong'],
		[{ courier: '顺丰速运' }, 'trackingNumber', 'stampOutboundIncomplete'],
		[{ trackingNumber: 'SF1234567890' }, 'courier', 'stampOutboundIncomplete'],
		[{ courier: '顺丰速运', trackingNumber: '单号' }, 'trackingNumber', 'trackingNumber']
	] as const)('%o → %s: %s', (change, field, key) => {
		const { errors, data } = validate({ ...good, ...change });
		expect(data).toBeUndefined();
		expect(errors[field]).toBe(key);
	});

	it('reports every empty required field of an empty form, and no optional one', () => {
		expect(Object.keys(validate(EMPTY_FORM).errors).sort()).toEqual([
			'address',
			'city',
			'district',
			'phone',
			'postalCode',
			'province',
			'recipient'
		]);
	});
});

describe('texts', () => {
	it('translates message keys, ours and the shared ones', () => {
		expect(errorText('phoneFormat')).toContain('手机号');
		expect(errorText('trackingNumber')).toContain('快递单号');
		expect(errorText('not-a-key')).toBe('格式不正确');
		i18n.locale = 'en';
		expect(errorText('stampOutboundIncomplete')).toBe('Fill in both the courier and the tracking number, or neither');
		i18n.locale = 'zh-CN';
	});

	it('writes an address the way an envelope does, without repeating a municipality', () => {
		expect(oneLine(toSubmission(good).returnAddress)).toBe('广东省深圳市南山区 科技园科苑路 8 号');
		expect(
			oneLine({ ...toSubmission(good).returnAddress, province: '北京市', city: '北京市', district: '海淀区' })
		).toBe('北京市海淀区 科技园科苑路 8 号');
	});
});
