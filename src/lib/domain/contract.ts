// Contracts: the canonical record a PDF is rendered from, a discriminated union over three kinds.
import { z } from 'zod';
import { filing } from './filing';
import { creditCode } from './identity';
import { order, type Order } from './order';
import { chinaPhone } from './phone';
import type { Provider } from './provider';
import { fen, text, uuid } from './text';
import type { VerifiedIdentity } from './identity';
import { shanghaiDate } from './time';

export { CONTRACT_KINDS, type ContractKind } from './contractKinds';
export const MAX_ORDERS_PER_CONTRACT = 1000;
export const TEMPLATE_VERSION = 'CD-FA-2026.1';

export const partyA = z.object({
	name: text(100),
	creditCode,
	legalRepresentative: text(50),
	registeredAddress: text(200)
});

export const partyB = z.object({
	name: text(100),
	creditCode,
	registeredAddress: text(200)
});

/** Details the customer completes on the page (联系人、电话、邮箱、通讯地址). */
export const contactDetails = z.object({
	person: text(30),
	phone: chinaPhone,
	email: z.string().trim().max(100, { message: 'tooLong' }).pipe(z.email({ message: 'email' })),
	mailingAddress: text(200)
});

const base = {
	id: uuid,
	/** Human number printed on the document, e.g. HT-20261126-1A2B3C4D */
	number: z.string().regex(/^HT-\d{8}-[0-9A-F]{8}$/),
	templateVersion: z.string().min(1).max(40),
	createdAt: z.iso.datetime({ offset: true }),
	partyA,
	partyB,
	contact: contactDetails
};

export const orderLine = order.pick({
	id: true,
	product: true,
	spec: true,
	billingMode: true,
	amountFen: true,
	paidAt: true
});

export const frameworkContract = z.object({ kind: z.literal('framework'), ...base });
export const filingContract = z.object({
	kind: z.literal('filing'),
	...base,
	filing: filing.omit({ status: true, updatedAt: true })
});
export const orderContract = z
	.object({
		kind: z.literal('order'),
		...base,
		orders: z.array(orderLine).min(1).max(MAX_ORDERS_PER_CONTRACT, { message: 'tooManyOrders' }),
		totalFen: fen
	})
	.refine((c) => c.totalFen === c.orders.reduce((sum, o) => sum + o.amountFen, 0), {
		message: 'totalMismatch',
		path: ['totalFen']
	})
	.refine((c) => new Set(c.orders.map((o) => o.id)).size === c.orders.length, {
		message: 'duplicateOrder',
		path: ['orders']
	});

export const contractRecord = z.discriminatedUnion('kind', [
	frameworkContract,
	filingContract,
	orderContract
]);

export type ContractRecord = z.infer<typeof contractRecord>;
export type FrameworkContract = z.infer<typeof frameworkContract>;
export type FilingContract = z.infer<typeof filingContract>;
export type OrderContract = z.infer<typeof orderContract>;
export type OrderLine = z.infer<typeof orderLine>;
export type ContactDetails = z.infer<typeof contactDetails>;
export type PartyA = z.infer<typeof partyA>;
export type PartyB = z.infer<typeof partyB>;

export const contractStatus = z.enum(['pending', 'effective']);
export type ContractStatus = z.infer<typeof contractStatus>;

/** HT-YYYYMMDD-XXXXXXXX: the Shanghai calendar date of creation and the id's first 8 hex digits. */
export function contractNumber(id: string, createdAt: string): string {
	return `HT-${shanghaiDate(createdAt).replaceAll('-', '')}-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/**
 * Field paths of the record's parties that differ from who they must be: Party A is the verified
 * entity (name + credit code), Party B the provider. Empty when both match. The browser checks
 * before rendering, the server before registering, so both refuse the same records.
 */
export function partyMismatches(
	record: { partyA: Pick<PartyA, 'name' | 'creditCode'>; partyB: Pick<PartyB, 'name' | 'creditCode'> },
	identity: Pick<VerifiedIdentity, 'legalName' | 'creditCode'>,
	provider: Pick<Provider, 'name' | 'creditCode'>
): string[] {
	const out: string[] = [];
	if (record.partyA.name !== identity.legalName) out.push('partyA.name');
	if (record.partyA.creditCode !== identity.creditCode) out.push('partyA.creditCode');
	if (record.partyB.name !== provider.name) out.push('partyB.name');
	if (record.partyB.creditCode !== provider.creditCode) out.push('partyB.creditCode');
	return out;
}

export type OrderProblem = 'orderUnknown' | 'orderRefunded';
export type UnattachableOrder = { index: number; id: string; problem: OrderProblem };

/**
 * Only the account's paid orders may be attached: a refunded order is no longer a service to
 * contract for, and an order the account does not have is not its to attach. The record's lines
 * carry no status, so the caller looks each id up in the account's current orders.
 */
export function unattachableOrders(
	lines: readonly { id: string }[],
	lookup: (id: string) => Pick<Order, 'status'> | undefined
): UnattachableOrder[] {
	const out: UnattachableOrder[] = [];
	lines.forEach((line, index) => {
		const found = lookup(line.id);
		if (!found) out.push({ index, id: line.id, problem: 'orderUnknown' });
		else if (found.status !== 'paid') out.push({ index, id: line.id, problem: 'orderRefunded' });
	});
	return out;
}

/** A record refused by one of the rules above (not by its schema), with the field paths that break it. */
export class ContractRuleError extends Error {
	override name = 'ContractRuleError';
	constructor(
		readonly rule: 'partyMismatch' | 'orderNotAttachable',
		readonly fields: string[],
		readonly orders: UnattachableOrder[] = []
	) {
		const items = rule === 'orderNotAttachable' ? orders.map((o) => `${o.id} ${o.problem}`) : fields;
		// The structured fields carry every item; the message stays readable in a log.
		const more = items.length > 5 ? ` (+${items.length - 5} more)` : '';
		super(`${rule}: ${items.slice(0, 5).join(', ')}${more}`);
	}
}

/** Throws ContractRuleError when an order line is not one of the account's paid orders. */
export function assertOrdersAttachable(
	lines: readonly { id: string }[],
	lookup: (id: string) => Pick<Order, 'status'> | undefined
): void {
	const bad = unattachableOrders(lines, lookup);
	if (bad.length) throw new ContractRuleError('orderNotAttachable', bad.map((b) => `orders.${b.index}.id`), bad);
}
