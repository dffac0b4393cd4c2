// The language of data shown as typed (names, addresses, products): Chinese keeps lang="zh-CN" in the English UI.

const HAN = /\p{Script=Han}/u;

/**
 * `lang` for an element showing user or provider data: 'zh-CN' when it holds Chinese, so a screen reader in the
 * English UI reads 深圳市… in Chinese (WCAG 3.1.2); nothing for Latin-only data (an order id, "Acme Ltd").
 */
export function dataLang(...values: (string | null | undefined)[]): 'zh-CN' | undefined {
	return values.some((v) => v && HAN.test(v)) ? 'zh-CN' : undefined;
}
