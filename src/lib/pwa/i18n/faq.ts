// Messages of the FAQ page (常见问题), in our own words; registered when the page loads, not with the shell.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const faqMessages = defineMessages(
	{
		faqTitle: '常见问题',
		faqIntro: '关于电子合同、纸质盖章和相关流程的常见问题。',
		faqValidQ: '电子合同和纸质合同的效力一样吗？',
		faqValidA: '一样。点击「确认并生成合同」后生成的电子合同即具有法律效力，与加盖公章的纸质合同效力相同，可以直接用于存档和业务往来。',
		faqPaperQ: '一定要办理纸质盖章吗？',
		faqPaperA: '不需要。纸质盖章是可选的。只有在贵司内部流程或合作方要求纸质原件时，才需要打印合同、加盖公章后寄给我们。',
		faqReturnQ: '寄出盖章合同后，多久能收到寄回的合同？',
		faqReturnA: '我们在收到您寄来的合同之日起 15 个工作日内完成盖章并寄回。工作日按国家公布的节假日安排计算：法定节假日不计入，调休上班日计入。',
		faqPaymentQ: '签订合同和线下付款有关系吗？',
		faqPaymentA: '没有关系。合同的生成和盖章与是否通过线下汇款等方式付款相互独立，付款请按原有流程办理。',
		faqInvoiceQ: '怎么开发票？',
		faqInvoiceA: '发票是单独的流程，不随合同开具或寄送。请在控制台的费用或发票管理中另行申请。',
		faqIcpQ: '带备案信息附件的合同，ICP 商业性备案需要的材料怎么给？',
		faqIcpA: '办理 ICP 经营许可证（商业性备案）时需要的接入服务商材料——接入服务商的经营许可证页面和企业信息查询页面——会和盖章后的合同一起寄回给您。',
		faqAddressQ: '提交的寄回地址还能修改吗？',
		faqAddressA: '不能。寄回地址一经提交不可更改，请在提交前仔细核对收件人、电话和地址。',
		faqOfflineQ: '没有网络时能用吗？',
		faqOfflineA: '能。首次登录并同步后，查看、生成和打印合同都可以离线完成；需要提交给服务商的内容会保存在「待发送」中，联网后自动发送。'
	},
	{
		faqTitle: 'FAQ',
		faqIntro: 'Common questions about electronic contracts, stamped paper copies and related processes.',
		faqValidQ: 'Is the electronic contract as valid as a paper one?',
		faqValidA: 'Yes. The electronic contract generated when you click "Confirm and generate" is legally effective, with the same force as a paper contract bearing company seals. You can file it and use it in your business directly.',
		faqPaperQ: 'Do I need a stamped paper copy?',
		faqPaperA: 'No, the paper copy is optional. Print, stamp and mail it to us only if your internal process or a partner asks for a paper original.',
		faqReturnQ: 'After I mail the stamped contract, when do I get it back?',
		faqReturnA: 'We stamp and mail it back within 15 working days of receiving it. Working days follow the officially published holiday schedule: public holidays do not count, make-up working days do.',
		faqPaymentQ: 'Does signing depend on paying offline?',
		faqPaymentA: 'No. Generating and stamping a contract is independent of paying by bank transfer or other offline means; pay through your usual process.',
		faqInvoiceQ: 'How do I get an invoice?',
		faqInvoiceA: 'Invoices are a separate process and are not issued or mailed with the contract. Request them in the billing or invoice section of the console.',
		faqIcpQ: 'For a contract with a filing attachment, how do I get the materials for an ICP commercial filing?',
		faqIcpA: 'The access provider’s materials needed for an ICP commercial filing — the pages of its operating licence and its enterprise information query page — are mailed back to you together with the stamped contract.',
		faqAddressQ: 'Can I change the return address after submitting it?',
		faqAddressA: 'No. Once submitted, the return address can never be changed, so check the recipient, phone number and address carefully before submitting.',
		faqOfflineQ: 'Does it work without a network?',
		faqOfflineA: 'Yes. After the first sign-in and sync, viewing, generating and printing contracts all work offline; submissions to the provider wait in the Outbox and are sent automatically when you are online again.'
	}
);
registry.add(faqMessages);
