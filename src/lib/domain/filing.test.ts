// Filing domains: ASCII, Unicode (IDN) and punycode forms are accepted by the WHATWG host rules; anything else is refused.
import { describe, expect, it } from 'vitest';
import { asciiDomain, domainForms, filingSite } from './filing';

const site = (domains: string[]) => filingSite.safeParse({ siteNumber: '粤ICP备12345678号-1', name: '喆堃', domains });

describe('filing domains', () => {
	it.each([
		['example.com', 'example.com', 'example.com'],
		['Docs.Example.com.cn', 'docs.example.com.cn', 'docs.example.com.cn'],
		['喆堃.中国', 'xn--50ru1d.xn--fiqs8s', '喆堃.中国'],
		['xn--50ru1d.xn--fiqs8s', 'xn--50ru1d.xn--fiqs8s', '喆堃.中国'],
		['bücher.de', 'xn--bcher-kva.de', 'bücher.de'],
		[`${'a'.repeat(63)}.cn`, `${'a'.repeat(63)}.cn`, `${'a'.repeat(63)}.cn`]
	])('accepts %s (ASCII %s, shown %s)', (input, ascii, unicode) => {
		expect(site([input]).success).toBe(true);
		expect(domainForms(input)).toEqual({ ascii, unicode });
	});

	it.each([
		'',
		'localhost',
		'1.2.3.4',
		'example.com/path',
		'user@example.com',
		'example.com:8080',
		'exa mple.com',
		'-a.example.com',
		'a..example.com',
		'example.com.',
		`${'a'.repeat(64)}.cn`,
		`${'a.'.repeat(127)}cn`,
		'xn--zz.com',
		'例子.c'
	])('refuses %j', (input) => {
		expect(asciiDomain(input)).toBeUndefined();
		const parsed = site([input]);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]).toMatchObject({ path: ['domains', 0], message: 'domain' });
	});
});
