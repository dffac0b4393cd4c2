// Break points of values: an e-mail cut after `@` and dots only; a message cut into text and its parameters.
import { describe, expect, it } from 'vitest';
import { emailPieces, messagePieces } from './breaks';

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
