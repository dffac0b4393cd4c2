// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.2; pure data, also read by the font build for the bold face.
import type { ContractKind } from '../../../domain/contractKinds';
import { type Article, ARTICLES as ARTICLES_FRAMEWORK, ATTACHMENT_NOTE, ORDER_COLUMNS, SITE_COLUMNS, TITLES } from '../2026.1/text';

// 2026.1's titles, table headers, attachment notes and clauses (in the framework agreement's words) stay.
export { type Article, ATTACHMENT_NOTE, ORDER_COLUMNS, SITE_COLUMNS, TITLES };

/** What the document calls itself: one voice per kind. */
export const SELF = { framework: '本协议', filing: '本合同', order: '本合同' } as const satisfies Record<ContractKind, string>;

/** Headings set in the bold face. Only these strings (and digits/ASCII) may be drawn in bold. */
export const HEADINGS = {
	partyA: '甲方（客户）',
	partyB: '乙方（服务提供方）',
	contact: '甲方联系信息',
	clausesFramework: '协议条款',
	clausesContract: '合同条款',
	filingAttachment: '附件：备案信息',
	orderAttachment: '附件：订单信息',
	sites: '网站信息',
	signatures: '签署页',
	record: '电子签署记录',
	total: '合计'
} as const;

export const LABELS = {
	number: '合同编号',
	templateVersion: '模板版本',
	createdAt: '生成时间',
	name: '名称',
	creditCode: '统一社会信用代码',
	legalRepresentative: '法定代表人',
	registeredAddress: '注册地址',
	contactPerson: '联系人',
	phone: '联系电话',
	email: '电子邮箱',
	mailingAddress: '通讯地址',
	filingNumber: 'ICP备案号',
	filingOrderNumber: '备案单号',
	entityName: '主办单位',
	filedOn: '备案日期',
	orderCount: '订单数量',
	totalFigures: '合计金额（小写）',
	totalCapital: '合计金额（大写）',
	signA: '甲方（盖章）：',
	signB: '乙方（盖章）：',
	sealArea: '盖章处',
	signatory: '法定代表人或授权代表（签字）：',
	dateBlank: '____年____月____日',
	noMoreText: '（以下无正文）',
	blankBelow: '以下空白',
	continued: '（续）',
	/** Set at the end of a domain's line when the domain goes on in the next line. */
	wrapMark: '→',
	page: (x: number, y: number) => `第 ${x} 页 共 ${y} 页`,
	fingerprint: '内容指纹',
	prepaid: '预付费',
	postpaid: '后付费',
	yuanSign: '¥',
	rmb: '人民币',
	recordGenerated: (who: string, when: string) => `${when}（北京时间），由甲方${who}的账户确认并生成本电子文本。`,
	recordFingerprint: '内容指纹（SHA-256）：',
	recordRegistered: (when: string) => `${when}（北京时间），乙方登记本合同，登记后内容及内容指纹不再改变。`,
	recordPending: '乙方登记后，可重新下载载明登记时间的文本；内容及内容指纹不变。',
	recordVerify: '扫描页脚二维码或访问下列地址核验：'
} as const;

/** The label line under the executing-page title when the block starts a page of its own. */
export const signaturePageNote = (title: string, number: string) => `（本页无正文，为《${title}》（合同编号：${number}）之签署页）`;

export const PREAMBLE = {
	framework:
		'甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供云计算服务事宜达成如下协议，以资共同遵守。',
	filing: '甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供云计算服务及网站接入服务事宜订立本合同，以资共同遵守。',
	order: '甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供附件所列云计算服务事宜订立本合同，以资共同遵守。'
} as const satisfies Record<ContractKind, string>;

/** The clauses as the kind says them: 本协议 in the framework agreement, 本合同 in the contracts. */
export function articles(kind: ContractKind): readonly Article[] {
	if (kind === 'framework') return ARTICLES_FRAMEWORK;
	const say = (s: string) => s.replaceAll('本协议', SELF[kind]);
	return ARTICLES_FRAMEWORK.map((a) => ({ heading: a.heading.replaceAll('协议', '合同'), paragraphs: a.paragraphs.map(say) }));
}

/** A text of another version keeps this one's shape: strings stay strings, functions keep their parameters. */
type Widen<T> = T extends string
	? string
	: T extends (...args: infer A) => infer R
		? (...args: A) => Widen<R>
		: { readonly [K in keyof T]: Widen<T[K]> };

/**
 * Everything a contract of this template prints that is not the record's data. The renderer is made over it
 * (2026.3's render.ts `templateRenderer`), so a later version that only changes words consists of its text.
 */
export type TemplateText = {
	readonly TITLES: Widen<typeof TITLES>;
	readonly SELF: Widen<typeof SELF>;
	readonly HEADINGS: Widen<typeof HEADINGS>;
	readonly LABELS: Widen<typeof LABELS>;
	readonly SITE_COLUMNS: Widen<typeof SITE_COLUMNS>;
	readonly ORDER_COLUMNS: Widen<typeof ORDER_COLUMNS>;
	readonly PREAMBLE: Widen<typeof PREAMBLE>;
	readonly ATTACHMENT_NOTE: Widen<typeof ATTACHMENT_NOTE>;
	readonly articles: (kind: ContractKind) => readonly Article[];
	readonly signaturePageNote: (title: string, number: string) => string;
};

export const TEXT: TemplateText = { TITLES, SELF, HEADINGS, LABELS, SITE_COLUMNS, ORDER_COLUMNS, PREAMBLE, ATTACHMENT_NOTE, articles, signaturePageNote };

/** Every string a template with this text may draw in the bold face; the font build cuts the bold face to these. */
export function boldTexts(t: TemplateText): readonly string[] {
	return [
		...Object.values(t.TITLES),
		...Object.values(t.HEADINGS),
		...t.ORDER_COLUMNS,
		...t.SITE_COLUMNS,
		t.LABELS.totalFigures,
		t.LABELS.totalCapital,
		t.LABELS.rmb,
		t.LABELS.yuanSign,
		...(['framework', 'filing', 'order'] as const).flatMap((k) => t.articles(k).map((a) => a.heading))
	];
}

/** Every string the renderer may draw in the bold face; the font build cuts the bold face to these. */
export const BOLD_TEXTS: readonly string[] = boldTexts(TEXT);
