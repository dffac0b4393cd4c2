// Messages of the print view: registered when the view loads, not with the shell.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const printMessages = defineMessages(
	{
		printViewTitle: '打印合同',
		printViewTitleOf: '打印合同 {number}',
		printBack: '返回',
		printNow: '打印',
		printPreparing: '正在准备打印页面：第 {done} / {total} 页',
		printLoading: '正在读取合同文件…',
		printReady: '共 {total} 页，按 A4 纸每页打印一页。{hint}',
		printHint: '打印设置请选择 A4 纸、无边距或「实际大小」，不要缩放。',
		printFailed: '无法在本设备上生成打印页面：{reason}。可以下载合同文件后用其他应用打印。',
		printNoDocument: '本设备上没有这份合同的文件。',
		printPageLabel: '第 {n} 页，共 {total} 页',
		printDownload: '下载 PDF',
		printShare: '分享'
	},
	{
		printViewTitle: 'Print the contract',
		printViewTitleOf: 'Print contract {number}',
		printBack: 'Back',
		printNow: 'Print',
		printPreparing: 'Preparing the pages to print: {done} of {total}',
		printLoading: 'Reading the contract document…',
		printReady: '{total, plural, one {# page} other {# pages}}, one per A4 sheet. {hint}',
		printHint: 'In the print settings choose A4 paper, no margins or “actual size”, and no scaling.',
		printFailed:
			'The pages could not be prepared on this device: {reason}. Download the document and print it with another app.',
		printNoDocument: 'The document of this contract is not on this device.',
		printPageLabel: 'Page {n} of {total}',
		printDownload: 'Download PDF',
		printShare: 'Share'
	}
);
registry.add(printMessages);
