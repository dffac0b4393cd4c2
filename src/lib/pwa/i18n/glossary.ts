// The product's vocabulary (术语表): one term per concept for the app, the FAQ and the PDFs' labels, and the variants it replaces.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

/** The glossary's entries in the order the FAQ shows them; each has `term_<id>` and `term_<id>Def` messages. */
export const TERMS = ['returnAddress', 'commercialFiling', 'prepaid', 'postpaid', 'framework', 'realName'] as const;

/**
 * Words that must not name these things in any message, nor in a PDF template from 2026.4 on (glossary.test.ts).
 * The variant may follow the term in brackets, 「包年包月（预付费）」 (the lookbehinds), as clause 3.1 of the contracts
 * defines the modes. Contract PDFs of templates 2026.1–2026.3 print 预付费 / 后付费 — in the order table's 计费方式
 * column and in clauses 3.1/3.2 — because they were released before this glossary, and a released template is frozen
 * byte for byte (a registered contract must render again to the bytes the provider registered); 2026.4 took the
 * glossary's words. Those PDFs stay in users' hands, so the FAQ's 术语说明 (term_prepaidDef / term_postpaidDef) tells
 * their readers that 预付费 = 包年包月 and 后付费 = 按量计费; keep that note while such contracts exist.
 */
export const AVOID: { locale: 'zh-CN' | 'en'; variant: RegExp; use: string }[] = [
	{ locale: 'zh-CN', variant: /寄回地址/, use: '回寄地址' },
	{ locale: 'zh-CN', variant: /商业性?备案/, use: '经营性备案' },
	{ locale: 'zh-CN', variant: /(?<!包年包月（)预付费/, use: '包年包月' },
	{ locale: 'zh-CN', variant: /(?<!按量计费（)后付费/, use: '按量计费' },
	{ locale: 'zh-CN', variant: /框架合同/, use: '框架协议' },
	{ locale: 'zh-CN', variant: /实名(验证|核验)/, use: '实名认证' },
	{ locale: 'en', variant: /\b(pre-?paid|post-?paid)\b/i, use: 'Subscription / Pay as you go' },
	{ locale: 'en', variant: /\bbusiness filing\b/i, use: 'ICP commercial filing' },
	{ locale: 'en', variant: /\bframework contract\b/i, use: 'framework agreement' }
];

export const glossaryMessages = defineMessages(
	{
		glossaryTitle: '术语说明',
		glossaryIntro: '本应用、常见问题和合同文件中，同一件事只用一个名称：',
		term_returnAddress: '回寄地址',
		term_returnAddressDef: '我们把盖章后的纸质合同寄回给您时使用的收件地址。提交后不可修改。',
		term_commercialFiling: 'ICP 经营性备案',
		term_commercialFilingDef:
			'经营性网站办理的 ICP 经营许可证备案。带备案信息附件的合同可用于办理，所需的接入服务商资料随盖章合同一并回寄。',
		term_prepaid: '包年包月',
		term_prepaidDef:
			'先付费、后使用，按年或按月购买的计费方式。较早版本的合同文件（模板 2026.3 及以前）中称为「预付费」。',
		term_postpaid: '按量计费',
		term_postpaidDef:
			'先使用、后付费，按实际用量结算的计费方式。较早版本的合同文件（模板 2026.3 及以前）中称为「后付费」。',
		term_framework: '框架协议',
		term_frameworkDef: '约定双方合作基本条款的协议，不带附件；具体服务以订单或备案信息附件为准。',
		term_realName: '实名认证',
		term_realNameDef: '对账号主体身份的认证。合同甲方的名称和统一社会信用代码取自认证信息，不可在合同中修改。'
	},
	{
		glossaryTitle: 'Terms used here',
		glossaryIntro: 'The app, this FAQ and the contract documents use one name for each thing:',
		term_returnAddress: 'return address',
		term_returnAddressDef: 'Where we mail the stamped paper contract back to you. It cannot be changed once submitted.',
		term_commercialFiling: 'ICP commercial filing',
		term_commercialFilingDef:
			'The ICP operating-licence filing of a commercial website. A contract with a filing attachment serves for it; the access provider’s materials it needs are mailed back with the stamped contract.',
		term_prepaid: 'Subscription',
		term_prepaidDef:
			'Pay first, then use: bought by the year or month. Contract documents of earlier versions (template 2026.3 and before) call it 预付费 (prepaid).',
		term_postpaid: 'Pay as you go',
		term_postpaidDef:
			'Use first, then pay for what you used. Contract documents of earlier versions (template 2026.3 and before) call it 后付费 (postpaid).',
		term_framework: 'framework agreement',
		term_frameworkDef:
			'The agreement on the basic terms of the cooperation, without an attachment; the services themselves are set by an order or filing attachment.',
		term_realName: 'real-name verification',
		term_realNameDef:
			'Verification of the account holder’s identity. Party A’s name and unified social credit code on a contract come from it and cannot be edited on the contract.'
	}
);
registry.add(glossaryMessages);
