// Messages of the contract list's search, its cards and the paper-copy badges and filters (zh-CN first, English second).
import { defineMessages } from '../../../i18n/define';
import { registry } from '../../../i18n/registry';

export const listMessages = defineMessages(
	{
		searchContractsShort: '搜索编号',
		clearSearch: '清除搜索',
		searchHint:
			'可搜索合同编号、备案号或订单号：输入其中任意连续 4 位以上，如纸质合同上的「51BFE982」或末 6 位；短横线和空格可省略。',
		match_filingNumber: '备案号',
		match_filingOrderNumber: '备案单号',
		match_siteNumber: '网站备案号',
		match_orderId: '订单号',
		resultsMany: '结果较多（约 {count} 条），从新到旧显示；输入更多字符可缩小范围'
	},
	{
		searchContractsShort: 'Search numbers',
		clearSearch: 'Clear search',
		searchHint:
			'Finds contract, filing and order numbers: type any 4 or more characters in a row of one, e.g. “51BFE982” from the paper contract or its last 6; hyphens and spaces may be left out.',
		match_filingNumber: 'Filing number',
		match_filingOrderNumber: 'Filing order number',
		match_siteNumber: 'Site filing number',
		match_orderId: 'Order id',
		resultsMany: 'Many results (about {count}), newest first; type more characters to narrow them down'
	}
);
registry.add(listMessages);
