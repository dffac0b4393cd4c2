// The product's vocabulary (术语表): one word per concept for the app, the FAQ, English and the PDFs, and the variants it replaces.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

/**
 * One row per concept: its zh-CN word, its English word, and the name the code uses for it. The seed's word wins where
 * it has one (线下盖章申请, 纸质合同, 回寄地址, 框架协议, 实名认证, ICP 经营性备案). Where the seed itself uses two — the
 * console's 「带备案信息附件」 button and its list's 「带附件（备案信息）」 — the app says the first; the second form lives on
 * only as the PDF's document title 「云服务合同（附：备案信息）」, which released templates print and 2026.5 keeps.
 * The back office and the code use these words too: a new screen, message or template takes its words from here.
 *
 * One code name per concept (`code`), in file, folder and identifier names alike. The request and the paper are two
 * concepts, so two names:
 * - `stamping` — the stamping request (线下盖章申请) and everything written about it: the submission and its return
 *   address and outbound parcel (`StampingSubmission`), its draft, its outbox rows, the provider's events and the
 *   customer's 确认收到 (`StampingEvent`, `stampingReceipt`), the forms and page that make or show one
 *   (`domain/stamping*.ts`, `db/stamping*.ts`, `features/stamping/`), its server routes and store rows. In English
 *   prose: "stamping request", not "paper-copy request".
 * - `paperCopy` — the paper contract (纸质合同): where it stands, derived from the request and its events
 *   (`PaperState`, `PaperSummary`; the `Paper…`/`paper…` identifiers are this concept), and the lists, filters, badges
 *   and reminders by that state (`domain/paperCopy.ts`, `db/paperCopies.ts`, `db/paperSummaries.ts`,
 *   `features/paperCopy/`).
 * Persisted and wire names keep the spelling they shipped with, whatever the rule says, because renaming them would
 * break stored data and deployed devices: Dexie stores `stampingRequests`/`stampingEvents`, the `stamping:` draft key,
 * database tables `stamping_requests`/`stamping_events`, the pull's `stampingRequests`/`stampingEvents`, outbox kind
 * `submitStamping`, the office role `stamping`, message keys (`paper…`, `stamping…`), and the URLs `/stamping` (the
 * 纸质合同 list: paper states) and `/contracts/<id>/stamping`.
 */
export const GLOSSARY = [
	{ id: 'stampingRequest', zh: '线下盖章申请', en: 'stamping request', code: 'stamping (StampingSubmission)' },
	{ id: 'paperContract', zh: '纸质合同', en: 'paper contract', code: 'paperCopy (PaperState)' },
	{ id: 'returnAddress', zh: '回寄地址', en: 'return address', code: 'returnAddress' },
	{ id: 'framework', zh: '框架协议', en: 'framework agreement', code: "kind 'framework'" },
	{ id: 'filingContract', zh: '带备案信息附件的合同', en: 'contract with filing attachment', code: "kind 'filing'" },
	{ id: 'orderContract', zh: '带订单信息附件的合同', en: 'contract with order attachment', code: "kind 'order'" },
	{ id: 'commercialFiling', zh: 'ICP 经营性备案', en: 'ICP commercial filing', code: 'filing' },
	{ id: 'prepaid', zh: '包年包月', en: 'Subscription', code: "billing 'prepaid'" },
	{ id: 'postpaid', zh: '按量计费', en: 'Pay as you go', code: "billing 'postpaid'" },
	{ id: 'realName', zh: '实名认证', en: 'real-name verification', code: 'verification' }
] as const;

export type GlossaryId = (typeof GLOSSARY)[number]['id'];

/** The glossary's entries in the order the FAQ shows them; each has `term_<id>` and `term_<id>Def` messages. */
export const TERMS: readonly GlossaryId[] = GLOSSARY.map((g) => g.id);

/**
 * Words that must not name these things in any message, nor in a PDF template from 2026.4 on (glossary.test.ts).
 * `appOnly`: the PDF's document title may still use it (see GLOSSARY). The variant may follow the term in brackets,
 * 「包年包月（预付费）」 (the lookbehinds), as clause 3.1 of the contracts defines the modes. Contract PDFs of templates
 * 2026.1–2026.3 print 预付费 / 后付费 — in the order table's 计费方式 column and in clauses 3.1/3.2 — because they were
 * released before this glossary, and a released template is frozen byte for byte (a registered contract must render
 * again to the bytes the provider registered); 2026.4 took the glossary's words. Those PDFs stay in users' hands, so the
 * FAQ's 术语说明 (term_prepaidDef / term_postpaidDef) tells their readers that 预付费 = 包年包月 and 后付费 = 按量计费;
 * keep that note while such contracts exist.
 */
export const AVOID: { locale: 'zh-CN' | 'en'; variant: RegExp; use: string; appOnly?: boolean }[] = [
	{ locale: 'zh-CN', variant: /寄回地址/, use: '回寄地址' },
	{ locale: 'zh-CN', variant: /商业性?备案/, use: '经营性备案' },
	{ locale: 'zh-CN', variant: /(?<!包年包月（)预付费/, use: '包年包月' },
	{ locale: 'zh-CN', variant: /(?<!按量计费（)后付费/, use: '按量计费' },
	{ locale: 'zh-CN', variant: /框架合同/, use: '框架协议' },
	{ locale: 'zh-CN', variant: /实名(验证|核验)/, use: '实名认证' },
	{
		locale: 'zh-CN',
		variant: /纸质盖章版|纸质盖章申请|申请纸质盖章|(?<!线下)盖章申请/,
		use: '线下盖章申请 / 纸质合同'
	},
	{ locale: 'zh-CN', variant: /纸质版|纸本合同|纸质副本/, use: '纸质合同' },
	{ locale: 'zh-CN', variant: /备案附件/, use: '备案信息附件' },
	{ locale: 'zh-CN', variant: /订单附件/, use: '订单信息附件' },
	{
		locale: 'zh-CN',
		variant: /带附件（(备案|订单)信息）|云服务合同（附：/,
		use: '带备案信息附件的合同',
		appOnly: true
	},
	{ locale: 'en', variant: /\b(pre-?paid|post-?paid)\b/i, use: 'Subscription / Pay as you go' },
	{ locale: 'en', variant: /\bbusiness filing\b/i, use: 'ICP commercial filing' },
	{ locale: 'en', variant: /\bframework contract\b/i, use: 'framework agreement' },
	{ locale: 'en', variant: /\bpaper[- ]cop(y|ies)\b/i, use: 'paper contract / stamping request' },
	{
		locale: 'en',
		variant: /\bwith an? (filing|order)( information)? attachment\b/i,
		use: 'with filing/order attachment'
	},
	{ locale: 'en', variant: /\b(filing|order) information attachment\b/i, use: 'filing/order attachment' }
];

export const glossaryMessages = defineMessages(
	{
		glossaryTitle: '术语说明',
		glossaryIntro: '本应用、常见问题和合同文件中，同一件事只用一个名称：',
		term_stampingRequest: '线下盖章申请',
		term_stampingRequestDef:
			'需要服务商盖章的纸质合同时提交的申请：打印合同并加盖贵司公章，寄给服务商，再提交回寄地址。电子合同已具有同等法律效力，纸质合同按需申请。',
		term_paperContract: '纸质合同',
		term_paperContractDef: '打印出来、由双方加盖公章的合同。服务商收到后 15 个工作日内盖章并寄回。',
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
		term_filingContract: '带备案信息附件的合同',
		term_filingContractDef:
			'附有 ICP 备案信息的合同，用于办理 ICP 经营性备案。合同文件的标题为「云服务合同（附：备案信息）」。',
		term_orderContract: '带订单信息附件的合同',
		term_orderContractDef: '附有所选订单明细的合同。合同文件的标题为「云服务合同（附：订单信息）」。',
		term_realName: '实名认证',
		term_realNameDef: '对账号主体身份的认证。合同甲方的名称和统一社会信用代码取自认证信息，不可在合同中修改。'
	},
	{
		glossaryTitle: 'Terms used here',
		glossaryIntro: 'The app, this FAQ and the contract documents use one name for each thing:',
		term_stampingRequest: 'stamping request',
		term_stampingRequestDef:
			'What you submit when you need a paper contract with the provider’s seal: print the contract and seal it, mail it to the provider, then submit the return address. The electronic contract is equally binding; a paper contract is optional.',
		term_paperContract: 'paper contract',
		term_paperContractDef:
			'The contract printed and sealed by both parties. The provider stamps it and mails it back within 15 working days of receiving it.',
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
		term_filingContract: 'contract with filing attachment',
		term_filingContractDef:
			'A contract with your ICP filing’s details attached, for the ICP commercial filing. Its document title is 云服务合同（附：备案信息）.',
		term_orderContract: 'contract with order attachment',
		term_orderContractDef:
			'A contract with the chosen orders’ details attached. Its document title is 云服务合同（附：订单信息）.',
		term_realName: 'real-name verification',
		term_realNameDef:
			'Verification of the account holder’s identity. Party A’s name and unified social credit code on a contract come from it and cannot be edited on the contract.'
	}
);
registry.add(glossaryMessages);
