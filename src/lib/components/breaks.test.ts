// Break points of values: an e-mail cut after `@` and dots only; a message cut into text and its parameters.
import { describe, expect, it } from 'vitest';
import { companyPieces, emailPieces, messagePieces, numberPieces } from './breaks';

describe('emailPieces', () => {
	it('cuts after @ and every dot, keeping hyphens and names whole', () => {
		expect(emailPieces('lina@zhekun.cn')).toEqual(['lina@', 'zhekun.', 'cn']);
		expect(emailPieces('lina.wang@zhe-kun.com.cn')).toEqual(['lina.', 'wang@', 'zhe-kun.', 'com.', 'cn']);
		expect(emailPieces('a@b').join('')).toBe('a@b');
	});
});

describe('messagePieces', () => {
	it('marks each filled parameter and keeps the text around it', () => {
		expect(messagePieces('{courier}，单号 {trackingNumber}', { courier: '顺丰速运', trackingNumber: 'SF123' })).toEqual(
			[{ text: '顺丰速运', param: 'courier' }, { text: '，单号 ' }, { text: 'SF123', param: 'trackingNumber' }]
		);
		expect(messagePieces('no {missing} here', {})).toEqual([{ text: 'no ' }, { text: '{missing}' }, { text: ' here' }]);
	});
});

describe('numberPieces', () => {
	const kept = (s: string) =>
		numberPieces(s)
			.filter((p) => p.keep)
			.map((p) => p.text);
	it('keeps a number with its unit or suffix, a phone number and a grouped figure whole', () => {
		expect(kept('深圳市南山区科苑路15号2楼')).toEqual(['15号', '2楼']);
		expect(kept('共 1,000 个订单')).toEqual(['1,000 个']);
		expect(kept('电话 0755-86013388，邮编 518057')).toEqual(['0755-86013388', '518057']);
		expect(kept('粤ICP备2024003141号-1')).toEqual(['2024003141号']);
		expect(kept('3 楼')).toEqual(['3 楼']);
		expect(kept('Room 7')).toEqual([]);
	});
	it('gives back the text unchanged, piece by piece', () => {
		for (const s of ['科苑路15号', '共 1,000 个订单', '', 'abc', '1'])
			expect(
				numberPieces(s)
					.map((p) => p.text)
					.join('')
			).toBe(s);
	});
});

describe('companyPieces', () => {
	it('cuts a Chinese company name at its place, brackets and legal form', () => {
		expect(companyPieces('云栈科技（深圳）有限公司')).toEqual(['云栈科技', '（深圳）', '有限公司']);
		expect(companyPieces('深圳市喆堃珺玥网络科技有限公司')).toEqual(['深圳市', '喆堃珺玥网络科技', '有限公司']);
		expect(companyPieces('华为技术股份有限公司')).toEqual(['华为技术', '股份有限公司']);
		expect(companyPieces('有限公司')).toEqual(['有限公司']);
		expect(companyPieces('Øresund Data ApS')).toEqual(['Øresund Data ApS']);
	});
});
