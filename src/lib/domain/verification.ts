// Public verification of a contract: the link a QR code carries, the query, the answer, and the masking of party names.
import './zod-config';
import { z } from 'zod';
import { CONTRACT_KINDS, type ContractKind } from './contractKinds';

/** HT-YYYYMMDD- and the id's first hex digits: 8 in template 2026.1, 16 after. */
export const CONTRACT_NUMBER = /^HT-\d{8}-[0-9A-F]{8}(?:[0-9A-F]{8})?$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** What anyone may ask: a contract number and either the content fingerprint (QR) or the PDF's SHA-256 (file). */
export const publicVerifyQuery = z
	.object({
		number: z.string().regex(CONTRACT_NUMBER, { message: 'contractNumber' }),
		fingerprint: z.string().toLowerCase().regex(SHA256, { message: 'sha256' }).optional(),
		pdfSha256: z.string().toLowerCase().regex(SHA256, { message: 'sha256' }).optional()
	})
	.refine((q) => (q.fingerprint === undefined) !== (q.pdfSha256 === undefined), {
		message: 'oneOfFingerprintOrPdfSha256',
		path: ['fingerprint']
	});
export type PublicVerifyQuery = z.infer<typeof publicVerifyQuery>;

/**
 * The PDF files the provider stands behind for one registered contract: the original the device generated (its
 * SHA-256 registered with it), and the registered copy (the same record with the registration time printed in its
 * electronic record box; template 2026.2 on). Both carry the same content fingerprint.
 */
export const RENDITIONS = ['original', 'registeredCopy'] as const;
export type Rendition = (typeof RENDITIONS)[number];

/** Template versions whose execution page prints a registration time: 2026.1 has no electronic record box. */
export function hasRegisteredCopyVersion(templateVersion: string): boolean {
	return templateVersion !== 'CD-FA-2026.1';
}

/**
 * Everything the public endpoint reveals: never amounts, orders, filings, contacts or the customer's full name.
 * Party B is the provider itself, whose name is public. `rendition`: which file matched, for a file's SHA-256.
 */
export const publicVerifyAnswer = z.discriminatedUnion('registered', [
	z.object({ number: z.string(), registered: z.literal(false) }),
	z.object({
		number: z.string(),
		registered: z.literal(true),
		match: z.boolean(),
		kind: z.enum(CONTRACT_KINDS),
		registeredAt: z.string(),
		partyA: z.string(),
		partyB: z.string(),
		rendition: z.enum(RENDITIONS).optional()
	})
]);
export type PublicVerifyAnswer = z.infer<typeof publicVerifyAnswer>;

/** One registered contract as the rule sees it (the store may hold several under one number: numbers are made on devices). */
export type RegisteredCopy = {
	kind: ContractKind;
	contentHash: string;
	pdfSha256: string;
	registeredAt: string | null;
	partyA: string;
	partyB: string;
	/** The registered copy's PDF SHA-256, once known (the server computes it on the first file check that needs it). */
	registeredCopySha256?: string | null;
};

/** Which of the copy's files has the queried SHA-256, if any. */
export function renditionMatching(copy: RegisteredCopy, pdfSha256: string): Rendition | undefined {
	if (copy.pdfSha256 === pdfSha256) return 'original';
	if (copy.registeredCopySha256 === pdfSha256) return 'registeredCopy';
	return undefined;
}

/**
 * The answer for a query among the registered contracts carrying its number: the one that matches if any,
 * otherwise the first registered one, marked as not matching. A file matches by either rendition's SHA-256.
 */
export function answerFor(query: PublicVerifyQuery, copies: readonly RegisteredCopy[]): PublicVerifyAnswer {
	const registered = copies.filter((c) => c.registeredAt !== null);
	const byFile = query.pdfSha256;
	const matches = (c: RegisteredCopy) =>
		byFile === undefined ? c.contentHash === query.fingerprint : renditionMatching(c, byFile) !== undefined;
	const hit = registered.find(matches);
	const shown = hit ?? registered[0];
	if (!shown) return { number: query.number, registered: false };
	return {
		number: query.number,
		registered: true,
		match: hit !== undefined,
		kind: shown.kind,
		registeredAt: shown.registeredAt!,
		partyA: maskName(shown.partyA),
		partyB: shown.partyB,
		...(hit && byFile !== undefined ? { rendition: renditionMatching(hit, byFile) } : {})
	};
}

/** Path of the verification page for a contract; the fingerprint rides in the fragment, which browsers never send. */
export function verifyPath(number: string, fingerprint: string): string {
	return `/verify/${encodeURIComponent(number)}#${fingerprint}`;
}

const MASK = '**';
/** Legal forms, longest first: kept, like the industry word before them, because they say nothing about who it is. */
const LEGAL_FORMS = [
	'股份有限公司',
	'有限责任公司',
	'集团有限公司',
	'有限公司',
	'（有限合伙）',
	'(有限合伙)',
	'合伙企业',
	'分公司',
	'公司',
	'研究院',
	'事务所',
	'工作室',
	'合作社',
	'中心',
	'集团',
	'厂',
	'店'
];
/** A leading province/city/county (深圳市, 广东省深圳市, 浙江省杭州市西湖区…): kept, as on a business licence lookup. */
const REGION =
	/^(?:[\p{Script=Han}]{2,7}?(?:省|自治区))?(?:[\p{Script=Han}]{2,7}?(?:市|自治州|地区|盟))?(?:[\p{Script=Han}]{1,5}?(?:区|县|旗))?/u;
/** Province-level and large-city names written without 省/市, as many names begin (北京字节…, 广东…). */
const SHORT_REGION =
	/^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|杭州|南京|苏州|成都|武汉|西安|厦门|青岛|宁波|大连)/u;

/**
 * Masks a party's name so that someone who knows it can recognise it, but cannot read it off:
 * 深圳市喆堃珺玥网络科技有限公司 → 深圳市喆**网络科技有限公司, 张喆 → 张*, Øresund Data ApS → Ør** ApS.
 * Counts code points, so a character outside the BMP (𬘭) is one character. Always hides at least one.
 */
export function maskName(name: string): string {
	const chars = Array.from(name.trim());
	if (chars.length === 0) return '';
	if (!/\p{Script=Han}/u.test(name)) return maskLatin(chars);
	const text = chars.join('');
	const form = LEGAL_FORMS.find((f) => text.endsWith(f) && Array.from(f).length < chars.length);
	if (!form) {
		// A person's name (an individual's account, a legal representative): the family name only.
		return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
	}
	let rest = Array.from(text.slice(0, text.length - form.length));
	let suffix = form;
	// A region in brackets before the form, as in 云栈科技（深圳）有限公司, belongs with the kept suffix.
	const bracket = rest.join('').match(/[（(][\p{Script=Han}]{1,8}[）)]$/u);
	if (bracket) {
		suffix = bracket[0] + suffix;
		rest = rest.slice(0, rest.length - Array.from(bracket[0]).length);
	}
	const head = rest.join('');
	const region = head.match(REGION)?.[0] || head.match(SHORT_REGION)?.[0] || '';
	let core = rest.slice(Array.from(region).length);
	let prefix = region;
	if (core.length === 0) {
		// The whole name before the form looked like a region: keep only its first character.
		core = rest.slice(1);
		prefix = rest[0] ?? '';
	}
	// Core = 字号 + industry; the industry is the last two to four characters when there is room for both.
	const industry = core.length >= 7 ? 4 : core.length >= 4 ? 2 : 0;
	const brand = core.slice(0, core.length - industry);
	const kept = brand.length >= 2 ? brand[0] : '';
	return `${prefix}${kept}${MASK}${core.slice(core.length - industry).join('')}${suffix}`;
}

function maskLatin(chars: string[]): string {
	const words = chars.join('').split(/\s+/);
	const last = words.length > 1 ? ` ${words.at(-1)}` : '';
	const first = Array.from(words[0]!);
	return `${first.slice(0, Math.min(2, Math.max(1, first.length - 1))).join('')}${MASK}${last}`;
}
