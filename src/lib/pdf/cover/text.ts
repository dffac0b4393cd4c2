// The cover sheet's fixed words: the sheet travels to the provider's mail desk, so it is in Chinese like the contracts.
export const COVER_TEXT = {
	title: '线下盖章申请 · 寄件封面',
	subtitle: '请把本页放在信封最上面，随纸质合同一起寄出。服务商收到后扫描右侧二维码登记收件。',
	contractNumber: '合同编号',
	kinds: {
		framework: '框架协议',
		filing: '带备案信息附件的合同',
		order: '带订单信息附件的合同'
	},
	partyA: '甲方',
	partyB: '乙方',
	creditCode: '统一社会信用代码',
	enclose: '随信寄出',
	encloseContract: (copies: number) => `本合同的纸质合同 ${copies} 份（甲方已盖章）`,
	encloseCover: '本封面 1 页',
	filingReturn: '本合同带备案信息附件：寄回时一并附上 ICP 经营性备案材料。',
	stamp: '盖章要求',
	returnAddress: '回寄地址（盖章后寄回此处）',
	recipient: '收件人',
	phone: '电话',
	address: '地址',
	postalCode: '邮编',
	cut: '沿虚线剪下，贴在信封上',
	labelTo: '寄：',
	labelFrom: '寄件人：',
	labelRef: '合同编号：'
} as const;
