// What a contract record must agree with before it is generated (device) or registered (server): the provider's own records.
import { canonicalJson } from './canonical';
import { contractNumber, type ContractRecord, type OrderLine, type PartyA, type PartyB } from './contract';
import type { Filing } from './filing';
import type { VerifiedIdentity } from './identity';
import type { Order } from './order';
import type { Provider } from './provider';
import { isKnownTemplateVersion } from './templateVersions';

/**
 * Every reason a record can be refused for, beyond its schema. Each has a message in zh-CN and
 * English on the device (features/contracts/i18n.ts, `rule.<code>`).
 */
export const DISCREPANCY_CODES = [
	'partyAMismatch',
	'partyBMismatch',
	'templateVersionUnknown',
	'numberMismatch',
	'createdInFuture',
	'createdBeforeVerification',
	'orderUnknown',
	'orderRefunded',
	'orderMismatch',
	'orderAlreadyAttached',
	'filingUnknown',
	'filingRevoked',
	'filingMismatch'
] as const;
export type DiscrepancyCode = (typeof DISCREPANCY_CODES)[number];

/** One field of the record that disagrees with the provider's records; `path` is dotted from the record. */
export interface Discrepancy {
	path: string;
	code: DiscrepancyCode;
	/** The order id, for refusals about one attached order (the message names it). */
	id?: string;
}

/** What the provider knows that the record is checked against. */
export interface ContractFacts {
	identity: VerifiedIdentity;
	provider: Pick<Provider, 'name' | 'creditCode' | 'registeredAddress' | 'verifyOrigin'>;
	/** The checking side's clock (ms) and how far ahead of it a device's clock may run. */
	now: number;
	clockSkewMs: number;
	/** The account's order with this id (any status), or undefined when it has none. */
	order: (id: string) => Order | undefined;
	/** The account's filing with this id, or undefined when it has none. */
	filing: (id: string) => Filing | undefined;
}

const PARTY_A_FIELDS = [
	'name',
	'creditCode',
	'legalRepresentative',
	'registeredAddress'
] as const satisfies readonly (keyof PartyA)[];
const PARTY_B_FIELDS = ['name', 'creditCode', 'registeredAddress'] as const satisfies readonly (keyof PartyB)[];
const ORDER_FIELDS = [
	'product',
	'spec',
	'billingMode',
	'amountFen',
	'paidAt'
] as const satisfies readonly (keyof OrderLine)[];
const FILING_FIELDS = ['filingNumber', 'orderNumber', 'entityName', 'filedOn'] as const;

/** Party A as the verified identity prints it. */
export function partyAOf(identity: VerifiedIdentity): PartyA {
	return {
		name: identity.legalName,
		creditCode: identity.creditCode,
		legalRepresentative: identity.legalRepresentative,
		registeredAddress: identity.registeredAddress
	};
}

/**
 * Every field of the record that disagrees with the facts, cheapest first; empty when the record
 * is the provider's truth. Pure: the device runs it before rendering, the server before it renders
 * anything, so both refuse the same records with the same field paths.
 */
export function contractDiscrepancies(record: ContractRecord, facts: ContractFacts): Discrepancy[] {
	const out: Discrepancy[] = [];
	const partyA = partyAOf(facts.identity);
	for (const f of PARTY_A_FIELDS)
		if (record.partyA[f] !== partyA[f]) out.push({ path: `partyA.${f}`, code: 'partyAMismatch' });
	for (const f of PARTY_B_FIELDS) {
		if (record.partyB[f] !== facts.provider[f]) out.push({ path: `partyB.${f}`, code: 'partyBMismatch' });
	}
	// The QR code's verification origin is the provider's since 2026.2; 2026.1 records carry none.
	const origin = record.templateVersion === 'CD-FA-2026.1' ? undefined : facts.provider.verifyOrigin;
	if (record.partyB.verifyOrigin !== origin) out.push({ path: 'partyB.verifyOrigin', code: 'partyBMismatch' });
	if (!isKnownTemplateVersion(record.templateVersion, record.kind)) {
		out.push({ path: 'templateVersion', code: 'templateVersionUnknown' });
	} else if (record.number !== contractNumber(record.id, record.createdAt, record.templateVersion)) {
		out.push({ path: 'number', code: 'numberMismatch' });
	}
	const created = Date.parse(record.createdAt);
	if (created > facts.now + facts.clockSkewMs) out.push({ path: 'createdAt', code: 'createdInFuture' });
	else if (created < Date.parse(facts.identity.verifiedAt))
		out.push({ path: 'createdAt', code: 'createdBeforeVerification' });

	if (record.kind === 'order') {
		record.orders.forEach((line, i) => {
			const order = facts.order(line.id);
			if (!order) out.push({ path: `orders.${i}.id`, code: 'orderUnknown', id: line.id });
			else if (order.status !== 'paid') out.push({ path: `orders.${i}.id`, code: 'orderRefunded', id: line.id });
			else
				for (const f of ORDER_FIELDS)
					if (line[f] !== order[f]) out.push({ path: `orders.${i}.${f}`, code: 'orderMismatch' });
		});
	} else if (record.kind === 'filing') {
		const printed = record.filing;
		const filing = facts.filing(printed.id);
		if (!filing) out.push({ path: 'filing.id', code: 'filingUnknown' });
		else if (filing.status !== 'approved') out.push({ path: 'filing.id', code: 'filingRevoked' });
		else {
			for (const f of FILING_FIELDS)
				if (printed[f] !== filing[f]) out.push({ path: `filing.${f}`, code: 'filingMismatch' });
			if (printed.sites.length !== filing.sites.length) out.push({ path: 'filing.sites', code: 'filingMismatch' });
			else {
				printed.sites.forEach((site, i) => {
					const truth = filing.sites[i]!;
					if (site.siteNumber !== truth.siteNumber)
						out.push({ path: `filing.sites.${i}.siteNumber`, code: 'filingMismatch' });
					if (site.name !== truth.name) out.push({ path: `filing.sites.${i}.name`, code: 'filingMismatch' });
					if (canonicalJson(site.domains) !== canonicalJson(truth.domains)) {
						out.push({ path: `filing.sites.${i}.domains`, code: 'filingMismatch' });
					}
				});
			}
		}
	}
	return out;
}

/** The record's order lines already attached to another contract (one order, one contract). */
export function ordersAttachedElsewhere(
	record: ContractRecord,
	attachedTo: (orderId: string) => { contractId: string; number: string } | undefined
): (Discrepancy & { contractId: string; number: string })[] {
	if (record.kind !== 'order') return [];
	const out: (Discrepancy & { contractId: string; number: string })[] = [];
	record.orders.forEach((line, i) => {
		const other = attachedTo(line.id);
		if (other && other.contractId !== record.id) {
			out.push({ path: `orders.${i}.id`, code: 'orderAlreadyAttached', id: line.id, ...other });
		}
	});
	return out;
}

export type OrderProblem = 'orderUnknown' | 'orderRefunded';
export type UnattachableOrder = { index: number; id: string; problem: OrderProblem };

/**
 * Only the account's paid orders may be attached: a refunded order is no longer a service to
 * contract for, and an order the account does not have is not its to attach. The picker and the
 * device's write check this against the rows they hold; contractDiscrepancies checks every field.
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

/** A record refused by the rules above (not by its schema), with every field that breaks one. */
export class ContractRuleError extends Error {
	override name = 'ContractRuleError';
	constructor(
		readonly discrepancies: readonly (Omit<Discrepancy, 'code'> & {
			code: DiscrepancyCode | 'notReplaceable';
			number?: string;
		})[]
	) {
		const items = discrepancies.map((d) => `${d.path} ${d.code}`);
		// The structured list carries every item; the message stays readable in a log.
		const more = items.length > 5 ? ` (+${items.length - 5} more)` : '';
		super(`${items.slice(0, 5).join(', ')}${more}`);
	}
}

/** Throws ContractRuleError when an order line is not one of the account's paid orders. */
export function assertOrdersAttachable(
	lines: readonly { id: string }[],
	lookup: (id: string) => Pick<Order, 'status'> | undefined
): void {
	const bad = unattachableOrders(lines, lookup);
	if (bad.length)
		throw new ContractRuleError(bad.map((b) => ({ path: `orders.${b.index}.id`, code: b.problem, id: b.id })));
}
