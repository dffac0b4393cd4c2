// Helper for message files: zh-CN is the source of keys, English must provide every one of them.
export type Catalog = Record<string, string>;
export function defineMessages<const Z extends Catalog>(zh: Z, en: { [K in keyof Z]: string }) {
	return { 'zh-CN': zh, en };
}
