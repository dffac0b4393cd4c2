// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.3; pure data, also read by the font build for the bold face.
import type { ContractKind } from '../../../domain/contractKinds';

export const TITLES = {
	framework: '云服务框架协议',
	filing: '云服务合同（附：备案信息）',
	order: '云服务合同（附：订单信息）'
} as const;

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

/** The filing attachment's site table header row (bold). */
export const SITE_COLUMNS = ['网站备案号', '网站名称', '网站域名'] as const;

/** The order table's header row (bold, repeated on every page). */
export const ORDER_COLUMNS = ['序号', '订单号', '产品', '规格', '计费方式', '支付日期', '金额（元）'] as const;

export const PREAMBLE = {
	framework:
		'甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供云计算服务事宜达成如下协议，以资共同遵守。',
	filing: '甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供云计算服务及网站接入服务事宜订立本合同，以资共同遵守。',
	order: '甲乙双方本着平等自愿、诚实信用的原则，经友好协商，就乙方向甲方提供附件所列云计算服务事宜订立本合同，以资共同遵守。'
} as const satisfies Record<ContractKind, string>;

export const ATTACHMENT_NOTE = {
	framework: '',
	filing: '本合同附件“备案信息”载明甲方经由乙方接入的ICP备案及网站信息，为本合同不可分割的组成部分。',
	order: '本合同附件“订单信息”载明甲方已通过乙方平台购买并支付的订单明细，为本合同不可分割的组成部分。'
} as const satisfies Record<ContractKind, string>;

export type Article = { heading: string; paragraphs: readonly string[] };

/** The clauses in the framework agreement's words (本协议); the filing and order contracts say 本合同. */
const ARTICLES_FRAMEWORK: readonly Article[] = [
	{
		heading: '第一条　定义',
		paragraphs: [
			'1.1 “云服务”指乙方通过互联网向甲方提供的计算、存储、网络、数据库、安全及其他相关技术服务。',
			'1.2 “控制台”指乙方向甲方提供的用于开通、配置、管理云服务及查看账单的在线管理界面。',
			'1.3 “订单”指甲方通过控制台或其他乙方认可的方式提交并经乙方确认的购买记录，订单载明的产品、规格、期限及价格构成本协议的一部分。',
			'1.4 “甲方数据”指甲方在使用云服务过程中存储、传输或处理的全部数据及内容。'
		]
	},
	{
		heading: '第二条　服务内容',
		paragraphs: [
			'2.1 乙方按照订单及乙方公布的产品说明向甲方提供云服务；具体服务范围、规格与期限以订单为准。',
			'2.2 甲方可随时通过控制台新购、续费、升级或释放云服务，新的订单自动适用本协议。',
			'2.3 乙方有权在不降低服务质量的前提下对服务的技术架构进行调整和升级。'
		]
	},
	{
		heading: '第三条　费用与支付',
		paragraphs: [
			'3.1 云服务的价格以甲方下单时控制台公示的价格为准，计费方式分为预付费和后付费两种。',
			'3.2 预付费服务须于开通前足额支付；后付费服务按实际用量于每个结算周期结束后结算。',
			'3.3 甲方逾期未支付的，乙方有权在通知甲方后暂停相关服务，直至甲方付清欠款。',
			'3.4 本协议的签订与线下付款相互独立，签订本协议不以甲方完成线下付款为条件。'
		]
	},
	{
		heading: '第四条　发票',
		paragraphs: [
			'4.1 发票的申请、开具与寄送通过乙方的发票流程单独办理，不因本协议的签订而自动开具。',
			'4.2 甲方应确保所提供的开票信息真实、准确；因信息错误导致的重开费用由甲方承担。'
		]
	},
	{
		heading: '第五条　服务等级',
		paragraphs: [
			'5.1 乙方按照各产品公布的服务等级协议（SLA）保障服务的可用性。',
			'5.2 因乙方原因未达到服务等级承诺的，甲方可依照相应服务等级协议申请赔偿，赔偿以代金券或服务时长等方式提供。',
			'5.3 乙方进行计划内维护的，应提前在控制台或以电子邮件方式通知甲方。'
		]
	},
	{
		heading: '第六条　甲方的义务',
		paragraphs: [
			'6.1 甲方应妥善保管账号及密码，对通过其账号进行的全部操作承担责任。',
			'6.2 甲方不得利用云服务从事违反中华人民共和国法律法规或损害他人合法权益的活动。',
			'6.3 甲方应按照乙方要求完成实名认证，并保证所提交资料的真实性、合法性与有效性。'
		]
	},
	{
		heading: '第七条　数据与保密',
		paragraphs: [
			'7.1 甲方数据的所有权归甲方。未经甲方授权，乙方不得访问、使用或向第三方披露甲方数据，法律法规另有规定或有权机关依法要求的除外。',
			'7.2 双方对在履行本协议过程中知悉的对方商业秘密负有保密义务，该义务在本协议终止后继续有效。',
			'7.3 服务终止后，乙方将按照产品规则为甲方保留数据一段时间，期满后删除，甲方应及时备份。'
		]
	},
	{
		heading: '第八条　ICP备案',
		paragraphs: [
			'8.1 甲方通过云服务开办网站的，应依法办理ICP备案，未取得备案号前不得开通网站访问。',
			'8.2 乙方作为接入服务提供者，协助甲方提交备案申请，并在甲方办理经营性备案时提供所需的接入资质材料。',
			'8.3 甲方备案信息发生变更的，应及时办理变更手续；因备案信息不实导致网站被关闭的，责任由甲方承担。'
		]
	},
	{
		heading: '第九条　知识产权',
		paragraphs: [
			'9.1 乙方对云服务及其相关软件、文档享有知识产权；本协议不构成任何知识产权的转让。',
			'9.2 甲方对其自行开发或合法取得的软件、内容及数据享有相应权利，乙方不因提供服务而取得该等权利。'
		]
	},
	{
		heading: '第十条　责任限制',
		paragraphs: [
			'10.1 任何一方违反本协议给对方造成损失的，应承担相应的赔偿责任。',
			'10.2 除法律另有规定外，乙方在本协议项下的累计赔偿总额不超过甲方就引起索赔的服务在此前十二个月内实际支付的费用。',
			'10.3 任何一方均不对间接损失、预期利益损失承担责任。'
		]
	},
	{
		heading: '第十一条　协议的终止',
		paragraphs: [
			'11.1 本协议自甲方确认生成之日起生效，长期有效，直至任何一方依约终止。',
			'11.2 任何一方提前三十日书面通知对方，可终止本协议；已生效订单在其期限届满前继续履行。',
			'11.3 一方严重违约且在收到书面通知后十五日内未予纠正的，另一方有权立即终止本协议。'
		]
	},
	{
		heading: '第十二条　不可抗力',
		paragraphs: [
			'12.1 因地震、洪水、战争、政府行为、大范围网络故障等不能预见、不能避免且不能克服的客观情况导致不能履行的，受影响方不承担责任，但应及时通知对方并尽力减少损失。'
		]
	},
	{
		heading: '第十三条　争议解决',
		paragraphs: [
			'13.1 本协议的订立、效力、解释、履行及争议解决均适用中华人民共和国法律（不含冲突法规则）。',
			'13.2 因本协议产生的争议，双方应友好协商解决；协商不成的，任何一方可向乙方住所地有管辖权的人民法院提起诉讼。'
		]
	},
	{
		heading: '第十四条　其他',
		paragraphs: [
			'14.1 本协议以电子形式生成，与纸质书面合同具有同等法律效力；甲方可另行申请加盖双方印章的纸质文本，纸质文本内容与电子文本一致。',
			'14.2 本协议的附件及订单为本协议不可分割的组成部分；附件与正文不一致的，以附件为准。',
			'14.3 本协议未尽事宜，双方可另行签订补充协议，补充协议与本协议具有同等效力。'
		]
	}
];


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
 * (render.ts `templateRenderer`), so a later version that only changes words consists of its text.
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
