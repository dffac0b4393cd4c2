import { describe, expect, it } from 'vitest';
import { answerFor, maskName, publicVerifyQuery, verifyPath, type RegisteredCopy } from './verification';

describe('maskName', () => {
	it.each([
		['深圳市喆堃珺玥网络科技有限公司', '深圳市喆**网络科技有限公司'],
		['云栈科技（深圳）有限公司', '云**科技（深圳）有限公司'],
		['浙江省杭州市西湖区珺堃信息技术有限公司', '浙江省杭州市西湖区珺**技术有限公司'],
		['华为技术有限公司', '华**技术有限公司'],
		['张喆', '张*'],
		['邱𬘭', '邱*'],
		['Øresund Data ApS', 'Ør** ApS']
	])('%s → %s', (name, masked) => {
		expect(maskName(name)).toBe(masked);
	});

	it('always hides part of the name', () => {
		for (const name of ['王', '小米公司', '上海市公司', 'AB', 'Müller', '喆堃有限公司', '有限公司X']) {
			const masked = maskName(name);
			expect(masked).toContain('*');
			expect(masked).not.toBe(name);
		}
	});
});

const copy = (over: Partial<RegisteredCopy> = {}): RegisteredCopy => ({
	kind: 'filing',
	contentHash: 'a'.repeat(64),
	pdfSha256: 'b'.repeat(64),
	registeredAt: '2026-03-15T02:00:00.000Z',
	partyA: '深圳市喆堃珺玥网络科技有限公司',
	partyB: '云栈科技（深圳）有限公司',
	...over
});
const number = 'HT-20260315-1A2B3C4D';

describe('answerFor', () => {
	it('matches by fingerprint or by PDF hash, and picks the matching copy among several', () => {
		const copies = [copy({ contentHash: 'c'.repeat(64), kind: 'order' }), copy()];
		expect(answerFor({ number, fingerprint: 'a'.repeat(64) }, copies)).toMatchObject({
			registered: true,
			match: true,
			kind: 'filing'
		});
		expect(answerFor({ number, pdfSha256: 'b'.repeat(64) }, copies)).toMatchObject({ registered: true, match: true });
		expect(answerFor({ number, fingerprint: 'd'.repeat(64) }, copies)).toMatchObject({
			registered: true,
			match: false,
			kind: 'order'
		});
	});

	it('a file matches by the original or the registered copy and says which; the content fingerprint names neither', () => {
		const copies = [copy({ registeredCopySha256: 'e'.repeat(64) })];
		expect(answerFor({ number, pdfSha256: 'b'.repeat(64) }, copies)).toMatchObject({
			match: true,
			rendition: 'original'
		});
		expect(answerFor({ number, pdfSha256: 'e'.repeat(64) }, copies)).toMatchObject({
			match: true,
			rendition: 'registeredCopy'
		});
		const other = answerFor({ number, pdfSha256: 'f'.repeat(64) }, copies);
		expect(other).toMatchObject({ match: false });
		expect(other).not.toHaveProperty('rendition');
		expect(answerFor({ number, fingerprint: 'a'.repeat(64) }, copies)).not.toHaveProperty('rendition');
	});

	it("masks the customer's name but not the provider's own (Party B)", () => {
		expect(answerFor({ number, fingerprint: 'a'.repeat(64) }, [copy()])).toMatchObject({
			partyA: '深圳市喆**网络科技有限公司',
			partyB: '云栈科技（深圳）有限公司'
		});
	});

	it('treats an unregistered copy and no copy as not registered', () => {
		expect(answerFor({ number, fingerprint: 'a'.repeat(64) }, [copy({ registeredAt: null })])).toEqual({
			number,
			registered: false
		});
		expect(answerFor({ number, fingerprint: 'a'.repeat(64) }, [])).toEqual({ number, registered: false });
	});
});

describe('query and link', () => {
	it('needs exactly one of fingerprint and pdfSha256', () => {
		expect(publicVerifyQuery.safeParse({ number, fingerprint: 'A'.repeat(64) }).data?.fingerprint).toBe('a'.repeat(64));
		expect(publicVerifyQuery.safeParse({ number }).success).toBe(false);
		expect(
			publicVerifyQuery.safeParse({ number, fingerprint: 'a'.repeat(64), pdfSha256: 'a'.repeat(64) }).success
		).toBe(false);
	});

	it('puts the fingerprint in the fragment', () => {
		expect(verifyPath(number, 'a'.repeat(64))).toBe(`/verify/${number}#${'a'.repeat(64)}`);
	});
});
