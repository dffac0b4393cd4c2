// The return-address form as plain data: its draft shape, the submission it makes, and its errors as message keys.
import './i18n';
import '../fields/i18n';
import { stampingSubmission, type StampingSubmission } from '../../domain/stamping';
import { hasMessage, t } from '../../i18n/index.svelte';

export const ADDRESS_FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'address', 'postalCode'] as const;
export const OUTBOUND_FIELDS = ['courier', 'trackingNumber'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type OutboundField = (typeof OUTBOUND_FIELDS)[number];
export type FormField = AddressField | OutboundField;

/** Flat, all strings: exactly what the inputs hold, and what the draft row stores. */
export type StampingForm = Record<FormField, string>;

export const EMPTY_FORM: StampingForm = {
	recipient: '',
	phone: '',
	province: '',
	city: '',
	district: '',
	address: '',
	postalCode: '',
	courier: '',
	trackingNumber: ''
};

const hasOutbound = (form: StampingForm) => OUTBOUND_FIELDS.some((f) => form[f].trim() !== '');

/** The body the server expects; the optional shipment only when the user gave one. */
export function toSubmission(form: StampingForm): StampingSubmission {
	const returnAddress = {
		recipient: form.recipient,
		phone: form.phone,
		province: form.province,
		city: form.city,
		district: form.district,
		address: form.address,
		postalCode: form.postalCode
	};
	return hasOutbound(form)
		? { returnAddress, outbound: { courier: form.courier, trackingNumber: form.trackingNumber } }
		: { returnAddress };
}

/**
 * The first problem of each field, as a message key, from the shared schema the server also applies;
 * `data` is the trimmed submission when there is none.
 */
export function validate(form: StampingForm): {
	errors: Partial<Record<FormField, string>>;
	data?: StampingSubmission;
} {
	const result = stampingSubmission.safeParse(toSubmission(form));
	if (result.success) return { errors: {}, data: result.data };
	const errors: Partial<Record<FormField, string>> = {};
	for (const issue of result.error.issues) {
		const field = issue.path[1] as FormField | undefined;
		if (field === undefined || errors[field] !== undefined) continue;
		// One half of the optional shipment given: "required" alone would not say why an optional field is.
		const incomplete = issue.path[0] === 'outbound' && form[field].trim() === '';
		errors[field] = incomplete ? 'stampOutboundIncomplete' : issue.message;
	}
	return { errors };
}

/** A message key in the user's language; the schema's own keys where ours are more precise, else "invalid". */
export function errorText(key: string): string {
	if (key === 'trackingNumber') return t('stampTrackingFormat');
	return hasMessage(key) ? t(key) : t('invalid');
}

/** "广东省深圳市南山区 科技园…" — how the address reads on an envelope (municipalities are not repeated). */
export function oneLine(a: StampingSubmission['returnAddress']): string {
	const city = a.city === a.province ? '' : a.city;
	return `${a.province}${city}${a.district} ${a.address}`;
}
