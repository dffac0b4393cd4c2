// Chinese typesetting rule shared by the catalog test and the rendered-page audit: no half-width mark next to Chinese.

/** A Chinese character, or a full-width mark / CJK symbol that only stands in Chinese text. */
const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff60]';
/**
 * The half-width marks Chinese text writes full-width (：？！；，（） and quotation marks as 「」) beside a Chinese
 * character: a sentence mark after or before it even across spaces (`时间 : `), a bracket or quote touching it.
 */
const SENTENCE = '[:?!;,]';
const BRACKET = '[()"“”‘’]';
const NEXT_TO_CJK = new RegExp(`${CJK}\\s*${SENTENCE}|${SENTENCE}\\s*${CJK}|${CJK}${BRACKET}|${BRACKET}${CJK}`, 'gu');

/** Exempt from the rule: links (`https://…?a=b`), whatever they hold. Numbers and times never touch a CJK character. */
const URL = /\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff01-\uff60]+/g;

/**
 * Where `text` sets a half-width `:?!;,()` or a straight/curly quote right beside Chinese (a colon, comma etc. across
 * spaces too): each offending pair, e.g. `间:`. Numbers and times (`10:30`, `1,000`), Latin text (`HT-1 (draft)`) and
 * URLs pass; user data must be left out by the caller (fill placeholders with a neutral value such as `0`).
 */
export function halfWidthBesideChinese(text: string): string[] {
	return [...text.replace(URL, ' ').matchAll(NEXT_TO_CJK)].map((m) => m[0]);
}
