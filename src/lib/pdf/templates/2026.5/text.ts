// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.5: 2026.4's text with the glossary's words for the paper contract, 「」 quotes and a space between ICP and Chinese; pure data.
import type { ContractKind } from '../../../domain/contractKinds';
import { type Article, boldTexts, type TemplateText } from '../2026.3/text';
import { TEXT as TEXT_2026_4 } from '../2026.4/text';

export const LABELS = { ...TEXT_2026_4.LABELS, filingNumber: 'ICP 备案号' } as const;

export const ATTACHMENT_NOTE = {
	framework: '',
	filing: '本合同附件「备案信息」载明甲方经由乙方接入的 ICP 备案及网站信息，为本合同不可分割的组成部分。',
	order: '本合同附件「订单信息」载明甲方已通过乙方平台购买并支付的订单明细，为本合同不可分割的组成部分。'
} as const satisfies Record<ContractKind, string>;

/**
 * The clauses of 2026.4 this version words anew, by clause number, in the framework agreement's voice (本协议; the
 * contracts say 本合同 as in 2026.3). 14.1 names the paper contract and how to get one as the app does (线下盖章申请,
 * 纸质合同, 回寄地址); the definitions quote their terms in 「」 as the app does.
 */
export const REWORDED: ReadonlyMap<string, string> = new Map([
	['1.1', '1.1 「云服务」指乙方通过互联网向甲方提供的计算、存储、网络、数据库、安全及其他相关技术服务。'],
	['1.2', '1.2 「控制台」指乙方向甲方提供的用于开通、配置、管理云服务及查看账单的在线管理界面。'],
	[
		'1.3',
		'1.3 「订单」指甲方通过控制台或其他乙方认可的方式提交并经乙方确认的购买记录，订单载明的产品、规格、期限及价格构成本协议的一部分。'
	],
	['1.4', '1.4 「甲方数据」指甲方在使用云服务过程中存储、传输或处理的全部数据及内容。'],
	['8.1', '8.1 甲方通过云服务开办网站的，应依法办理 ICP 备案，未取得备案号前不得开通网站访问。'],
	['8.2', '8.2 乙方作为接入服务提供者，协助甲方提交备案申请，并在甲方办理 ICP 经营性备案时提供所需的接入资质材料。'],
	[
		'14.1',
		'14.1 本协议以电子形式生成，与纸质合同具有同等法律效力。甲方需要双方盖章的纸质合同的，可提交线下盖章申请：甲方打印本协议并盖章后寄交乙方，乙方盖章后寄至甲方提交的回寄地址；纸质合同与电子文本内容一致。'
	]
]);

/** Headings this version words anew (bold: every character is in 2026.3's bold cut, which holds ASCII). */
const HEADING: ReadonlyMap<string, string> = new Map([['第八条　ICP备案', '第八条　ICP 备案']]);

const FRAMEWORK: readonly Article[] = TEXT_2026_4.articles('framework').map((a) => ({
	heading: HEADING.get(a.heading) ?? a.heading,
	paragraphs: a.paragraphs.map((p) => REWORDED.get(p.slice(0, p.indexOf(' '))) ?? p)
}));

/** The clauses as the kind says them: 本协议 in the framework agreement, 本合同 in the contracts (as 2026.3). */
function articles(kind: ContractKind): readonly Article[] {
	if (kind === 'framework') return FRAMEWORK;
	const say = (s: string) => s.replaceAll('本协议', TEXT_2026_4.SELF[kind]);
	return FRAMEWORK.map((a) => ({ heading: a.heading.replaceAll('协议', '合同'), paragraphs: a.paragraphs.map(say) }));
}

export const TEXT: TemplateText = { ...TEXT_2026_4, LABELS, ATTACHMENT_NOTE, articles };

/** Every string 2026.5 draws in the bold face: 2026.3's, with 第八条 spaced (its characters are all in that cut). */
export const BOLD_TEXTS: readonly string[] = boldTexts(TEXT);
