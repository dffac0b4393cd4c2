// ICP filings (ICP备案) of the account: a filing number, its sites and their domains.
import punycode from 'punycode.js';
import { z } from 'zod';
import { isoDate, text, token } from './text';

const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
/** e.g. 粤ICP备12345678号, or a site's number 粤ICP备12345678号-1 */
export const FILING_NUMBER = new RegExp(`^[${PROVINCES}]ICP备\\d{4,10}号(?:-[1-9]\\d{0,2})?$`);

export const filingNumber = z.string().trim().regex(FILING_NUMBER, { message: 'filingNumber' });

/** A host name in its ASCII (punycode) form: LDH labels of up to 63 characters, a letter or IDN top-level label. */
const ASCII_DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The ASCII form of a domain written in Unicode (喆堃.中国) or punycode (xn--…), by the WHATWG URL parser's
 * host rules (UTS #46 mapping, as browsers resolve it); undefined for anything that is not a plain domain
 * name (a path, port, user, IP address or a label the rules refuse).
 */
export function asciiDomain(domain: string): string | undefined {
	if (domain === '' || domain.length > 253 || /[\s/\\?#@:%]/.test(domain)) return undefined;
	let url: URL;
	try {
		url = new URL(`http://${domain}/`);
	} catch {
		return undefined;
	}
	const host = url.hostname;
	if (!ASCII_DOMAIN.test(host)) return undefined;
	// URL parsers differ on a punycode label that does not decode (Node 20 refuses xn--zz, Node 26 keeps it);
	// decoding here gives one answer everywhere, and domainForms can always show the domain in Unicode.
	try {
		punycode.toUnicode(host);
	} catch {
		return undefined;
	}
	return host;
}

/** Both forms of a valid domain: how people read it (Unicode) and what a resolver uses (ASCII). */
export function domainForms(domain: string): { unicode: string; ascii: string } {
	const ascii = asciiDomain(domain);
	if (!ascii) throw new RangeError(`not a domain: ${domain}`);
	return { unicode: punycode.toUnicode(ascii), ascii };
}

export const filingSite = z.object({
	siteNumber: filingNumber,
	name: text(100),
	domains: z
		.array(z.string().refine((d) => asciiDomain(d) !== undefined, { message: 'domain' }))
		.min(1)
		.max(50)
});

export const filing = z.object({
	id: token(64),
	filingNumber,
	/** 备案单号: the order number of the filing application */
	orderNumber: z.string().regex(/^\d{6,24}$/, { message: 'filingOrderNumber' }),
	entityName: text(100),
	sites: z.array(filingSite).min(1).max(20),
	status: z.enum(['approved', 'revoked']),
	filedOn: isoDate,
	updatedAt: z.iso.datetime({ offset: true })
});

export type Filing = z.infer<typeof filing>;
export type FilingSite = z.infer<typeof filingSite>;
