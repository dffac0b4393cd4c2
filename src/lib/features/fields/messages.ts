// Field errors said with what the user needs to fix them: the limit and the count, the characters the font lacks.
import './i18n';
import { unprintableChars } from '../../domain/printable';
import { nfc, textLength } from '../../domain/text';
import { hasMessage, i18n, t } from '../../i18n/index.svelte';

/** Problems more typing cannot fix: shown as they happen, not only when the user leaves the field. */
const AT_ONCE: ReadonlySet<string> = new Set(['tooLong', 'notInFont', 'controlChar', 'loneSurrogate', 'nonCharacter']);

export const showsAtOnce = (key: string | undefined): boolean => key !== undefined && AT_ONCE.has(key);

// Spaces, joiners and combining marks are invisible between quotes: their code point says which one it is.
const INVISIBLE = /^[\p{C}\p{Z}\p{M}]/u;

function charList(value: string): string {
	const items = unprintableChars(nfc(value)).map((char) => {
		const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		return INVISIBLE.test(char) ? t('fieldCharCode', { char, code }) : t('fieldChar', { char });
	});
	return new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(items);
}

const plain = (key: string): string => (hasMessage(key) ? t(key) : t('invalid'));

/**
 * The text of a field's error key (the shared schema's message) for the value the field holds: 「最多 120 字，现有
 * 5000 字…」 rather than 「内容过长」, 「合同字体中没有「😀」…」 rather than a refusal after 确认并生成合同.
 */
export function fieldErrorText(
	key: string,
	value: string,
	max?: number,
	other: (key: string) => string = plain
): string {
	if (key === 'tooLong' && max !== undefined) {
		const count = textLength(value);
		return t('fieldTooLong', { max, count, excess: count - max });
	}
	if (key === 'notInFont') return t('fieldNotInFont', { chars: charList(value) });
	return other(key);
}

/** The limit under a field, with the count once something is typed. */
export function limitText(value: string, max: number): string {
	const count = textLength(value);
	return count === 0 ? t('fieldLimit', { max }) : t('fieldCount', { count, max });
}
