// Human names for record fields and contact validation messages, in the user's language.
import './i18n';
import '../fields/i18n';
import { contactDetails, type ContactDetails } from '../../domain/contract';
import { hasMessage, t, type MessageKey } from '../../i18n/index.svelte';

export const CONTACT_FIELDS = ['person', 'phone', 'email', 'mailingAddress'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const EMPTY_CONTACT: ContactDetails = { person: '', phone: '', email: '', mailingAddress: '' };

/** Message keys per field (zod issue messages are keys such as 'required' or 'phoneFormat'). */
export function contactErrors(contact: ContactDetails): Partial<Record<ContactField, string>> {
	const errors: Partial<Record<ContactField, string>> = {};
	for (const field of CONTACT_FIELDS) {
		const value = contact[field] ?? '';
		// An empty e-mail fails z.email() with 'email'; "required" tells the user more.
		if (!value.trim()) {
			errors[field] = 'required';
			continue;
		}
		const result = contactDetails.shape[field].safeParse(value);
		if (!result.success) errors[field] = result.error.issues[0]?.message ?? 'invalid';
	}
	return errors;
}

/** Translates a message key; zod's own English defaults (no key) become the generic text. */
export function errorText(key: string): string {
	return hasMessage(key) ? t(key) : t('invalid');
}

export function isContactEmpty(contact: ContactDetails): boolean {
	return CONTACT_FIELDS.every((f) => !(contact[f] ?? '').trim());
}

/**
 * "orders[3].product" → "第 4 个订单的产品": names the field of a MissingGlyphError or a zod
 * issue as the user knows it, falling back to the raw path for anything unexpected.
 */
export function fieldLabel(path: string): string {
	const order = /^orders\[(\d+)\]\.(\w+)/.exec(path);
	if (order) return t('field_order', { n: Number(order[1]) + 1, what: leafLabel(order[2]!) });
	const site = /^filing\.sites\[(\d+)\]\.(\w+)/.exec(path);
	if (site) return t('field_filingSite', { n: Number(site[1]) + 1, what: leafLabel(site[2]!) });
	if (path.startsWith('filing.')) return `${t('field_filing')} · ${leafLabel(path.slice('filing.'.length))}`;
	const key = `field_${path.replace('.', '_')}`;
	return hasMessage(key) ? t(key) : path;
}

function leafLabel(name: string): string {
	const keys: Record<string, MessageKey> = {
		id: 'orderId',
		product: 'product',
		spec: 'spec',
		billingMode: 'billingMode',
		paidAt: 'paidAt',
		amountFen: 'amount',
		name: 'siteName',
		siteNumber: 'siteNumber',
		domains: 'domains',
		filingNumber: 'filingNumber',
		orderNumber: 'filingOrderNumber',
		entityName: 'filingEntity',
		filedOn: 'filedOn'
	};
	const key = keys[name];
	return key ? t(key) : name;
}
