// dataLang: which shown data is marked Chinese.
import { describe, expect, it } from 'vitest';
import { dataLang } from './lang';

describe('dataLang', () => {
	it('marks names, addresses and products that hold Chinese', () => {
		expect(dataLang('深圳市喆堃珺玥网络科技有限公司')).toBe('zh-CN');
		expect(dataLang('云硬盘 CBS')).toBe('zh-CN');
		expect(dataLang('粤ICP备2023012345号-1')).toBe('zh-CN');
		// Outside the BMP too (a rare character in a name).
		expect(dataLang('𠀾')).toBe('zh-CN');
	});
	it('leaves Latin-only data, empty values and full-width punctuation alone', () => {
		expect(dataLang('HT-20261207-44D8DC08183C45D6')).toBeUndefined();
		expect(dataLang('Acme Cloud Ltd')).toBeUndefined();
		expect(dataLang('', undefined, null)).toBeUndefined();
		expect(dataLang('（）：')).toBeUndefined();
	});
	it('marks a line when any of its parts is Chinese', () => {
		expect(dataLang('Acme', '广东省')).toBe('zh-CN');
	});
});
