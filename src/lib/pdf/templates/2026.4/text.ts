// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.4: 2026.3's text in the glossary's words (包年包月 / 按量计费); pure data.
import type { ContractKind } from '../../../domain/contractKinds';
import { type Article, boldTexts, TEXT as TEXT_2026_3, type TemplateText } from '../2026.3/text';

/** The order table's 计费方式 column says what the app's order list, order picker and confirm page say. */
export const LABELS = { ...TEXT_2026_3.LABELS, prepaid: '包年包月', postpaid: '按量计费' } as const;

/**
 * The clauses of 2026.3 that named the billing modes, by clause number, as this version words them. Where 3.1
 * defines the modes the legal text keeps the general word in brackets after the term (the one form the glossary
 * allows); 3.2 uses the terms as the order table does.
 */
export const REWORDED: ReadonlyMap<string, string> = new Map([
	['3.1', '3.1 云服务的价格以甲方下单时控制台公示的价格为准，计费方式分为包年包月（预付费）和按量计费（后付费）两种。'],
	['3.2', '3.2 包年包月服务须于开通前足额支付；按量计费服务按实际用量于每个结算周期结束后结算。']
]);

/** 2026.3's clauses (本协议 / 本合同 per kind) with the reworded ones in their place. */
function articles(kind: ContractKind): readonly Article[] {
	return TEXT_2026_3.articles(kind).map((a) => ({
		heading: a.heading,
		paragraphs: a.paragraphs.map((p) => REWORDED.get(p.slice(0, p.indexOf(' '))) ?? p)
	}));
}

export const TEXT: TemplateText = { ...TEXT_2026_3, LABELS, articles };

/** The same bold strings as 2026.3 (the wording changed only in regular text), so 2026.4 shares font set serif-2026.3. */
export const BOLD_TEXTS: readonly string[] = boldTexts(TEXT);
