// Where feature message files register themselves; lookups fall back to zh-CN.
import type { Catalog } from './define';

export type Locale = 'zh-CN' | 'en';

const catalogs: Record<Locale, Catalog> = { 'zh-CN': {}, en: {} };

export const registry = {
	add(messages: Record<Locale, Catalog>) {
		Object.assign(catalogs['zh-CN'], messages['zh-CN']);
		Object.assign(catalogs.en, messages.en);
	},
	has(key: string): boolean {
		return Object.hasOwn(catalogs['zh-CN'], key);
	},
	lookup(locale: Locale, key: string): string {
		return catalogs[locale][key] ?? catalogs['zh-CN'][key] ?? key;
	},
	keys(locale: Locale): string[] {
		return Object.keys(catalogs[locale]);
	}
};
