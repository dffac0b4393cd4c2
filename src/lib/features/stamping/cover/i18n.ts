// Messages of the cover sheet button on the paper-copy page (zh-CN first).
import { defineMessages } from '../../../i18n/define';
import { registry } from '../../../i18n/registry';

export const coverMessages = defineMessages(
	{
		coverTitle: '寄件封面',
		coverHelp: '打印一页封面放在信封最上面：上面有合同编号和二维码、盖章要求、回寄地址，下方是可剪下的寄件标签。',
		coverPrint: '打印寄件封面',
		coverWorking: '正在生成封面…',
		coverReady: '封面已生成。没有自动下载时，请用下面的链接打开。',
		coverOpen: '打开封面 PDF',
		coverFailed: '封面未能生成（{reason}），请稍后重试。',
		coverNoProvider: '还没有服务商的寄件信息，联网同步一次后即可打印封面。'
	},
	{
		coverTitle: 'Cover sheet',
		coverHelp:
			'Print one cover sheet and put it on top in the envelope: it has the contract number and QR code, how to stamp, the return address, and a mailing label to cut out.',
		coverPrint: 'Print cover sheet',
		coverWorking: 'Making the cover sheet…',
		coverReady: 'Cover sheet ready. If it did not download, open it with the link below.',
		coverOpen: 'Open the cover sheet PDF',
		coverFailed: 'The cover sheet could not be made ({reason}); please try again.',
		coverNoProvider:
			'The provider’s mailing details are not on this device yet; sync once online to print the cover sheet.'
	}
);
registry.add(coverMessages);
