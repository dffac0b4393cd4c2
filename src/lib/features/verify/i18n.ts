// Messages of the public verification page: registered when the page loads, not with the shell.
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const verifyMessages = defineMessages(
	{
		verifyTitle: '核验合同',
		moreVerify: '核验合同',
		moreVerifyHint: '扫描二维码或选择 PDF 文件，核对合同是否已登记、内容是否一致',
		verifyIntro:
			'扫描合同上的二维码会打开本页并自动核验。也可以选择合同 PDF 文件：文件只在本设备上计算 SHA-256 指纹，不会上传。',
		verifyChooseFile: '选择合同 PDF 文件',
		verifyReading: '正在计算文件指纹…',
		verifyChecking: '正在核验…',
		verdict_match: '已登记，内容一致',
		verdict_mismatch: '与登记版本不一致',
		verdict_notFound: '未找到该合同',
		verdict_unregisteredMatch: '内容一致，尚未登记',
		verdictExplain_match: '服务商已登记该合同，所核验的内容与登记版本完全一致。',
		verdictExplain_mismatch:
			'该编号的合同已登记，但所核验的内容与登记版本不同，可能被修改过。请勿以此为准，并与合同双方核实。',
		verdictExplain_notFound: '没有找到该编号的已登记合同。请核对编号，或与合同双方核实。',
		verdictExplain_unregisteredMatch: '与本设备上生成的合同内容一致，但服务商尚未登记；联网同步后会自动登记。',
		verdictExplain_match_original: '服务商已登记该合同，所核验的文件就是登记时的原合同文件，完全一致。',
		verdictExplain_match_registeredCopy:
			'服务商已登记该合同，所核验的文件是服务商认可的登记版（含登记时间），与登记记录完全一致。',
		verifyRendition: '所核验的文件',
		verifyRendition_original: '原合同',
		verifyRendition_registeredCopy: '登记版（含登记时间）',
		verifyDeviceMismatch: '与本设备保存的该编号合同不一致。',
		verifyRefused: '与本设备上的一份合同一致，但服务商拒绝了它的登记，该合同未生效。',
		verifySourceServer: '依据：服务商的登记记录',
		verifySourceDevice: '依据：本设备保存的合同',
		verifyOfflineNote: '当前无法连接服务器，结果仅依据本设备保存的合同；联网后请再核验一次登记记录。',
		verifyNoNumber: '文件中没有找到合同编号，只能与本设备保存的合同比对。',
		verifyNumber: '合同编号',
		verifyKind: '合同类型',
		verifyRegisteredAt: '登记时间',
		verifyNotRegistered: '尚未登记',
		verifyPartyA: '甲方',
		verifyPartyB: '乙方',
		verifyFingerprint: '内容指纹（SHA-256）',
		verifyFileSha: '文件指纹（SHA-256）',
		verifyFileName: '文件',
		verifyBadLink: '链接不完整或有误：缺少合同编号或 64 位内容指纹。请重新扫描二维码，或选择合同文件核验。',
		verifyTooBig: '文件过大（{size} MB），不是合同台生成的合同文件。',
		verifyNotPdf: '所选文件不是 PDF 文件。',
		verifyFailed: '核验失败：{reason}',
		verifyOpenApp: '打开合同台',
		verifyPrivacy:
			'公开核验只显示登记状态、合同类型、登记时间、服务商（乙方）名称和部分隐去的客户（甲方）名称，不显示金额、订单或联系方式。',
		sealValid: '服务商电子印章有效',
		sealSignedAt: '盖章时间：{time}（北京时间）',
		sealTest: '这是开发环境的测试印章，不能作为正式合同的印章。',
		sealBroken: '电子印章无效：文件在盖章后被改动过，或签名已损坏。',
		sealOtherSigner: '电子印章不是本服务商的：签名证书与服务商公布的印章证书不符。',
		sealNoCertificate: '无法校验电子印章：本设备尚未取得服务商的印章证书，请联网后再试。',
		sealChecking: '正在校验电子印章…'
	},
	{
		verifyTitle: 'Verify a contract',
		moreVerify: 'Verify a contract',
		moreVerifyHint: 'From its QR code or PDF file: is it registered, is the content unchanged',
		verifyIntro:
			'Scanning the QR code on a contract opens this page and checks it. You can also choose the contract’s PDF file: its SHA-256 fingerprint is computed on this device; the file is not uploaded.',
		verifyChooseFile: 'Choose the contract PDF',
		verifyReading: 'Computing the file’s fingerprint…',
		verifyChecking: 'Checking…',
		verdict_match: 'Registered, content matches',
		verdict_mismatch: 'Differs from the registered version',
		verdict_notFound: 'Contract not found',
		verdict_unregisteredMatch: 'Content matches, not registered yet',
		verdictExplain_match:
			'The provider registered this contract, and what you checked is exactly the registered version.',
		verdictExplain_mismatch:
			'A contract with this number is registered, but what you checked differs from it and may have been altered. Do not rely on it; check with both parties.',
		verdictExplain_notFound: 'No registered contract has this number. Check the number, or ask the parties.',
		verdictExplain_unregisteredMatch:
			'It matches a contract generated on this device, which the provider has not registered yet; it is registered when the device syncs.',
		verdictExplain_match_original:
			'The provider registered this contract, and the file you checked is exactly the original registered with it.',
		verdictExplain_match_registeredCopy:
			'The provider registered this contract, and the file you checked is exactly its registered copy (with the registration time), which the provider stands behind.',
		verifyRendition: 'File checked',
		verifyRendition_original: 'The original contract',
		verifyRendition_registeredCopy: 'The registered copy (with registration time)',
		verifyDeviceMismatch: 'It differs from the contract with this number stored on this device.',
		verifyRefused:
			'It matches a contract on this device whose registration the provider refused; that contract never took effect.',
		verifySourceServer: 'Based on: the provider’s registration records',
		verifySourceDevice: 'Based on: the contracts stored on this device',
		verifyOfflineNote:
			'The server cannot be reached: this result rests only on the contracts on this device. Check the registration again when online.',
		verifyNoNumber: 'The file carries no contract number; it can only be compared with the contracts on this device.',
		verifyNumber: 'Contract number',
		verifyKind: 'Contract type',
		verifyRegisteredAt: 'Registered',
		verifyNotRegistered: 'Not registered yet',
		verifyPartyA: 'Party A',
		verifyPartyB: 'Party B',
		verifyFingerprint: 'Content fingerprint (SHA-256)',
		verifyFileSha: 'File fingerprint (SHA-256)',
		verifyFileName: 'File',
		verifyBadLink:
			'The link is incomplete or wrong: it lacks the contract number or the 64-digit content fingerprint. Scan the QR code again, or choose the contract file.',
		verifyTooBig: 'The file is too large ({size} MB) to be a contract made by Contract Desk.',
		verifyNotPdf: 'The chosen file is not a PDF.',
		verifyFailed: 'The check failed: {reason}',
		verifyOpenApp: 'Open Contract Desk',
		verifyPrivacy:
			'Public verification shows only the registration status, contract type, registration time, the provider’s (Party B’s) name and the customer’s (Party A’s) partly hidden name — never amounts, orders or contacts.',
		sealValid: 'The provider’s electronic seal is valid',
		sealSignedAt: 'Sealed on {time} (Beijing time)',
		sealTest: 'This is a development test seal, not the seal of a real contract.',
		sealBroken: 'The electronic seal is not valid: the file was changed after sealing, or the signature is damaged.',
		sealOtherSigner:
			'The electronic seal is not this provider’s: the signing certificate is not the seal certificate the provider publishes.',
		sealNoCertificate:
			'The electronic seal cannot be checked: this device does not have the provider’s seal certificate yet. Try again online.',
		sealChecking: 'Checking the electronic seal…'
	}
);
registry.add(verifyMessages);
