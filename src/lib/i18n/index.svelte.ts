// The active language (zh-CN first, persisted) and the translate function every component uses.
import type { Catalog } from './define';
import { registry, type Locale } from './registry';
import type { MessageKey } from './keys';
import { formatMessage, type Params } from './format';

export type { MessageKey };

export const LOCALES: Locale[] = ['zh-CN', 'en'];
/** Each language named in itself, so a reader of either finds theirs whatever the active language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
const STORAGE_KEY = 'contract-desk.locale';

function initialLocale(): Locale {
	const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
	return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

class I18n {
	#locale = $state<Locale>(initialLocale());
	get locale(): Locale {
		return this.#locale;
	}
	set locale(value: Locale) {
		this.#locale = value;
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, value);
		if (typeof document !== 'undefined') document.documentElement.lang = value;
	}
}

export const i18n = new I18n();
// Every feature keeps its own message file in ./messages; all of them load with the app.
const files = import.meta.glob<{ default: Record<Locale, Catalog> }>('./messages/*.ts', { eager: true });
for (const file of Object.values(files)) registry.add(file.default);

export type { Params };

/**
 * The text of a key in the active language (zh-CN where English lacks it). Keys are checked at compile time;
 * a key made at run time (a field path, a server's code) goes through {@link hasMessage} first.
 */
export function t(key: MessageKey, params?: Params): string {
	const template = registry.lookup(i18n.locale, key);
	return params ? formatMessage(template, params, i18n.locale) : template;
}

/**
 * A page's document title, the one pattern of every page: its own parts, most specific first (a contract number, then
 * the page's name), then the app's name — `HT-… · 打印合同 · 合同台`. A missing part (data still loading) is left out.
 */
export function pageTitle(...parts: (string | null | undefined)[]): string {
	return t('pageTitle', { page: parts.filter(Boolean).join(' · ') });
}

/**
 * A label as it stands before its value, with the language's colon (`生成时间：`, `Created: `): the one way a label
 * and its colon reach the markup, so no colon is typed into a component.
 */
export function withColon(label: string): string {
	return t('labelColon', { label });
}

/** Whether `key` names a message of a catalog loaded now: the guard for keys built from data. */
export function hasMessage(key: string): key is MessageKey {
	return registry.has(key);
}
