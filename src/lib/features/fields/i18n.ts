// Messages of the field checks every form shares: limits, counts and characters the contract cannot print (zh-CN first).
import { defineMessages } from '../../i18n/define';
import { registry } from '../../i18n/registry';

export const fieldMessages = defineMessages(
	{
		fieldLimit: '最多 {max} 字',
		fieldCount: '已输入 {count} 字，最多 {max} 字',
		fieldTooLong: '最多 {max} 字，现有 {count} 字，请删去 {excess} 字。内容不会被自动截断。',
		fieldNotInFont: '合同字体中没有{chars}，无法打印。请删去或换一种写法。',
		notInFont: '含有合同字体中没有的字符，无法打印',
		fieldChar: '「{char}」',
		fieldCharCode: '「{char}」（{code}）'
	},
	{
		fieldLimit: 'Up to {max} characters',
		fieldCount: '{count} of {max} characters',
		fieldTooLong: 'Up to {max} characters; this has {count}. Please remove {excess}: nothing is cut off for you.',
		fieldNotInFont:
			'The contract font has no {chars}, so it cannot be printed. Please remove it or write it another way.',
		notInFont: 'Contains a character the contract font does not have, so it cannot be printed',
		fieldChar: '“{char}”',
		fieldCharCode: '“{char}” ({code})'
	}
);
registry.add(fieldMessages);
