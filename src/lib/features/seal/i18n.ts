// Messages of the provider's electronic seal on the contract page: registered when the seal's component loads.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const sealMessages = defineMessages(
	{
		sealedTitle: '电子盖章版',
		sealedDownload: '下载电子盖章版',
		sealedNote: '服务商已于 {time} 加盖电子印章。原件内容不变，任何 PDF 阅读器均可校验签名。',
		sealedPending: '电子盖章版正在下载，联网后自动完成。',
		evidenceDownload: '下载出证报告',
		evidenceBusy: '正在生成出证报告…',
		evidenceOffline: '出证报告由服务商生成，请联网后再下载。',
		evidenceFailed: '出证报告暂时无法生成，请稍后再试。'
	},
	{
		sealedTitle: 'Electronically sealed copy',
		sealedDownload: 'Download electronically sealed copy',
		sealedNote:
			'The provider added its electronic seal on {time}. The original content is unchanged; any PDF reader can check the signature.',
		sealedPending: 'The electronically sealed copy is downloading; it completes once online.',
		evidenceDownload: 'Download evidence report',
		evidenceBusy: 'Preparing the evidence report…',
		evidenceOffline: 'The provider prepares the evidence report: download it when online.',
		evidenceFailed: 'The evidence report could not be prepared; try again later.'
	}
);
registry.add(sealMessages);
