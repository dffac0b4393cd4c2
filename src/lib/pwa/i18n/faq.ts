// Messages of the FAQ page (常见问题): the seed's five questions first, in our own words; registered when the page loads, not with the shell.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const faqMessages = defineMessages(
	{
		faqTitle: '常见问题',
		faqIntro: '关于电子合同、纸质合同盖章和相关流程的常见问题。',
		// Q1: paper after the electronic contract?
		faqPaperQ: '电子合同生成后，还需要申请纸质合同吗？',
		faqPaperA:
			'不需要。点击「确认并生成合同」后生成的电子合同即具有法律效力，与加盖公章的纸质合同效力相同。纸质合同按您的需要申请：只有贵司内部流程或合作方要求纸质原件时，才需要打印合同、加盖公章后寄给我们。',
		// Q2: how long until it comes back?
		faqReturnQ: '纸质合同寄出后，多久能寄回给我？',
		faqReturnA:
			'我们在收到您寄来的纸质合同之日起 15 个工作日内完成盖章并寄回。工作日按国家公布的法定节假日安排计算：节假日不计入，调休上班日计入。我们收到后，这份合同的「线下盖章申请」页面会显示预计最晚寄回日期。',
		// Q3: when to pay offline?
		faqPaymentQ: '纸质合同已寄出，什么时候线下付款？',
		faqPaymentA:
			'合同签订与线下付款无关。付款时间按您的需要安排即可，不必等纸质合同寄回，也不会影响合同的效力或盖章进度。',
		// Q4: the invoice
		faqInvoiceQ: '纸质合同已寄出并且已线下付款，发票什么时候寄回？',
		faqInvoiceA:
			'发票不随纸质合同寄回，需要单独申请：在控制台「费用中心」的「发票管理」中提交开票申请，开票和寄送的流程、所需时间以该页面的发票说明为准。',
		// Q5: the ICP commercial filing materials
		faqIcpQ: '办理 ICP 经营性备案所需的接入服务商资料（经营许可证正、副本及年检页，企业信息查询完整页）在哪里找到？',
		faqIcpA:
			'为带备案信息附件的合同提交线下盖章申请即可：我们盖章完毕后，会把办理 ICP 经营性备案所需的这些资料随盖章合同一并回寄给您。',
		// ours
		faqAddressQ: '提交的回寄地址还能修改吗？',
		faqAddressA: '不能。回寄地址一经提交不可更改，请在提交前仔细核对收件人、电话和地址。',
		faqOfflineQ: '没有网络时能用吗？',
		faqOfflineA:
			'能。首次登录并同步后，查看、生成和打印合同都可以离线完成；需要提交给服务商的内容先保存在本设备上，联网后自动发送（在「更多 → 发送记录」中可以看到）。'
	},
	{
		faqTitle: 'FAQ',
		faqIntro: 'Common questions about electronic contracts, paper contracts, stamping requests and related processes.',
		faqPaperQ: 'Once the electronic contract is generated, do I still need a paper contract?',
		faqPaperA:
			'No. The electronic contract generated when you click "Confirm and generate" is legally effective, with the same force as a paper contract bearing company seals. Submit a stamping request only if you need a paper contract: if your internal process or a partner asks for a paper original, print it, stamp it and mail it to us.',
		faqReturnQ: 'After I mail the paper contract, when do I get it back?',
		faqReturnA:
			'We stamp it and mail it back within 15 working days of receiving it. Working days follow the officially published holiday schedule: public holidays do not count, make-up working days do. Once we have it, the contract’s stamping request page shows the latest date it is due back.',
		faqPaymentQ: 'I have mailed the paper contract: when should I pay offline?',
		faqPaymentA:
			'Signing the contract and paying offline are independent. Pay whenever suits you: there is no need to wait for the paper contract, and payment does not affect the contract’s validity or the stamping.',
		faqInvoiceQ: 'I have mailed the paper contract and paid offline: when is the invoice mailed back?',
		faqInvoiceA:
			'Invoices are not mailed with the paper contract: request them separately, under Billing Center → Invoice Management in the console. The invoice description on that page sets out how invoicing and mailing work and how long they take.',
		faqIcpQ:
			'Where do I get the access provider’s materials for an ICP commercial filing (operating licence with its copies and annual inspection pages, the complete enterprise query page)?',
		faqIcpA:
			'Submit a stamping request for a contract with filing attachment: once we have stamped it, we mail these materials back to you together with the stamped contract.',
		faqAddressQ: 'Can I change the return address after submitting it?',
		faqAddressA:
			'No. Once submitted, the return address can never be changed, so check the recipient, phone number and address carefully before submitting.',
		faqOfflineQ: 'Does it work without a network?',
		faqOfflineA:
			'Yes. After the first sign-in and sync, viewing, generating and printing contracts all work offline; submissions to the provider wait on this device and are sent automatically when you are online again (see More → Sent items).'
	}
);
registry.add(faqMessages);
