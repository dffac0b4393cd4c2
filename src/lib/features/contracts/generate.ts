// Generating a contract on the device: record → validation → PDF → one atomic local write.
import { canonicalJson, sha256Hex } from '../../domain/canonical';
import { shanghaiIso } from '../../domain/time';
import {
	contractNumber,
	contractRecord,
	type ContactDetails,
	type ContractRecord,
	type OrderLine,
	type PartyB
} from '../../domain/contract';
import {
	contractDiscrepancies,
	ContractRuleError,
	ordersAttachedElsewhere,
	partyAOf
} from '../../domain/contractRules';
import type { Filing } from '../../domain/filing';
import type { VerifiedIdentity } from '../../domain/identity';
import type { Order } from '../../domain/order';
import type { Provider } from '../../domain/provider';
import { CURRENT_TEMPLATE_VERSION } from '../../domain/templateVersions';
import { attachedOrders, saveGeneratedContract, type AttachedTo, type GeneratedContract } from '../../db/contracts';
import { getDb } from '../../db/database';
import type { ContractRow } from '../../db/types';
import { keepGenerated } from './justGenerated';
import { pdfDocument, type RenderedPdf } from './pdfDocument';
import { loadFonts, renderDocument, warm, type RenderFonts } from './renderClient';
import type { RenderPhase } from './renderProtocol';
import { totalFen } from './selection';

/** What the three flows hand over; everything else on the record is derived here. */
export type GenerateInput = {
	identity: VerifiedIdentity;
	provider: Provider;
	contact: ContactDetails;
	/** A contract whose registration was refused: the new one replaces it, which becomes void. */
	replaces?: string;
} & ({ kind: 'framework' } | { kind: 'filing'; filing: Filing } | { kind: 'order'; orders: Order[] });

export type GenerationPhase = 'preparing' | 'fonts' | 'rendering' | 'saving';

export type GenerateDeps = {
	/** The font set of the record's template version, loaded where the rendering happens (the render worker). */
	loadFonts: (templateVersion: string) => Promise<RenderFonts>;
	/** The PDF's bytes, or (the render worker) the document already made where it was rendered. */
	render: (
		record: ContractRecord,
		fonts: RenderFonts,
		onPhase?: (phase: RenderPhase) => void
	) => Promise<Uint8Array | RenderedPdf>;
	save: (g: GeneratedContract) => Promise<ContractRow>;
	/** The account's current order rows for these ids (undefined where none): every printed field is checked. */
	orderRows: (ids: string[]) => Promise<(Order | undefined)[]>;
	/** Contracts on the device these orders are already attached to (one order, one contract). */
	attachedTo: (ids: string[]) => Promise<Map<string, AttachedTo>>;
	now: () => Date;
	newId: () => string;
};

/**
 * The form draft the contract is made from. Its row is deleted in the contract's own transaction,
 * so a crash after saving cannot leave a draft that would generate the same contract again.
 */
export type DraftHandle = {
	readonly key: string;
	/** Stops saving and waits for saves already started, so none lands after the delete. */
	hold(): Promise<void>;
	/** The save failed: the draft is still the user's work, keep saving it. */
	resume(): void;
};

export function partyBFrom(provider: Provider): PartyB {
	return {
		name: provider.name,
		creditCode: provider.creditCode,
		registeredAddress: provider.registeredAddress,
		...(provider.verifyOrigin ? { verifyOrigin: provider.verifyOrigin } : {})
	};
}

/** The attachment snapshot of a filing: what the contract freezes, not the live status. */
export function filingSnapshot(f: Filing) {
	return {
		id: f.id,
		filingNumber: f.filingNumber,
		orderNumber: f.orderNumber,
		entityName: f.entityName,
		sites: f.sites.map((s) => ({ siteNumber: s.siteNumber, name: s.name, domains: [...s.domains] })),
		filedOn: f.filedOn
	};
}

export function orderLineOf(o: Order): OrderLine {
	return {
		id: o.id,
		product: o.product,
		spec: o.spec,
		billingMode: o.billingMode,
		amountFen: o.amountFen,
		paidAt: o.paidAt
	};
}

/** Builds the canonical record; the caller validates it (generateContract does). */
export function buildRecord(input: GenerateInput, now: Date, id: string): ContractRecord {
	const createdAt = shanghaiIso(now);
	const templateVersion = CURRENT_TEMPLATE_VERSION[input.kind];
	const base = {
		id,
		number: contractNumber(id, createdAt, templateVersion),
		templateVersion,
		createdAt,
		partyA: partyAOf(input.identity),
		partyB: partyBFrom(input.provider),
		contact: { ...input.contact }
	};
	switch (input.kind) {
		case 'framework':
			return { kind: 'framework', ...base };
		case 'filing':
			return { kind: 'filing', ...base, filing: filingSnapshot(input.filing) };
		case 'order': {
			// Oldest first reads naturally in an attachment and does not depend on the picker's order.
			const orders = [...input.orders]
				.sort((a, b) => (a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : a.id < b.id ? -1 : 1))
				.map(orderLineOf);
			return { kind: 'order', ...base, orders, totalFen: totalFen(orders) };
		}
	}
}

/**
 * Starts the render worker, which fetches and parses the font set while the user fills in the form and reads
 * the confirm screen, so the click on "确认并生成合同" only renders. Failures are left for the real attempt to report.
 */
export function prewarm(templateVersion: string = CURRENT_TEMPLATE_VERSION.framework): void {
	void warm(templateVersion);
}

export const defaultDeps: GenerateDeps = {
	loadFonts,
	render: renderDocument,
	save: saveGeneratedContract,
	orderRows: (ids) => getDb().orders.bulkGet(ids),
	attachedTo: attachedOrders,
	now: () => new Date(),
	newId: () => globalThis.crypto.randomUUID()
};

/**
 * The rules a record must meet beyond its schema, checked before rendering with the same domain
 * function the server registers with: every printed field agrees with what the device holds of
 * the provider's records (identity, provider, the orders as they are now, the chosen filing), and
 * no order is already attached to another contract on the device.
 */
export async function checkContractRules(
	record: ContractRecord,
	input: GenerateInput,
	deps: Pick<GenerateDeps, 'orderRows' | 'attachedTo'>
): Promise<void> {
	const ids = record.kind === 'order' ? record.orders.map((o) => o.id) : [];
	const rows = ids.length ? await deps.orderRows(ids) : [];
	const orders = new Map(rows.filter((r) => r !== undefined).map((r) => [r.id, r]));
	const found = contractDiscrepancies(record, {
		identity: input.identity,
		provider: input.provider,
		now: Date.parse(record.createdAt),
		clockSkewMs: 0,
		order: (id) => orders.get(id),
		filing: (id) => (input.kind === 'filing' && input.filing.id === id ? input.filing : undefined)
	});
	const attached = ids.length ? await deps.attachedTo(ids) : new Map<string, AttachedTo>();
	const taken = ordersAttachedElsewhere(record, (id) => attached.get(id));
	if (found.length || taken.length) throw new ContractRuleError([...found, ...taken]);
}

/**
 * Generates and stores one contract. Throws (zod error, ContractRuleError, MissingGlyphError,
 * storage error) before anything is written: the only write is saveGeneratedContract's single
 * transaction at the end, which also deletes the draft when one is given.
 */
export async function generateContract(
	input: GenerateInput,
	onPhase: (phase: GenerationPhase) => void = () => {},
	deps: Partial<GenerateDeps> = {},
	draft?: DraftHandle
): Promise<ContractRow> {
	const d = { ...defaultDeps, ...deps };
	onPhase('preparing');
	const { record, contentHash } = await span('prepare', async () => {
		const record = contractRecord.parse(buildRecord(input, d.now(), d.newId()));
		await checkContractRules(record, input, d);
		return { record, contentHash: await sha256Hex(canonicalJson(record)) };
	});
	// Read while the worker renders, not after: one round trip less between the PDF and the detail page.
	const first = getDb()
		.contracts.count()
		.then(
			(n) => n === 0,
			() => false
		);
	onPhase('fonts');
	const fonts = await span('fonts', () => d.loadFonts(record.templateVersion));
	onPhase('rendering');
	// A record needing the font's rest waits for it in the worker: the user sees the font phase again meanwhile.
	const rendered = await span('render', () => d.render(record, fonts, onPhase));
	const pdf = rendered instanceof Uint8Array ? await span('hash', () => pdfDocument(rendered)) : rendered;
	const { blob, sha256: pdfSha256, size } = pdf;
	onPhase('saving');
	const row = await span('save', async () => {
		await draft?.hold();
		const saving = d.save({ record, contentHash, pdfSha256, draftKey: draft?.key, replaces: input.replaces, blob });
		// The detail page's download link, made while the write is under way rather than on the page's first render.
		const url = objectUrl(blob);
		let row: ContractRow;
		try {
			row = await saving;
		} catch (e) {
			if (url) URL.revokeObjectURL(url);
			draft?.resume();
			throw e;
		}
		keepGenerated({ row, document: { contractId: row.id, blob, sha256: pdfSha256, size }, url });
		if (await first) requestPersistentStorage();
		return row;
	});
	mark('cd:generate:done');
	return row;
}

/** A part of a generation as a User Timing measure (cd:generate:NAME): the bench's breakdown, and any trace, read it. */
async function span<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const start = globalThis.performance?.now();
	try {
		return await fn();
	} finally {
		if (start !== undefined) {
			try {
				performance.measure(`cd:generate:${name}`, { start, end: performance.now() });
			} catch {
				// A runtime without User Timing level 3: timing is a convenience, never a reason to fail.
			}
		}
	}
}

function objectUrl(blob: Blob): string | undefined {
	return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : undefined;
}

function mark(name: string): void {
	try {
		globalThis.performance?.mark(name);
	} catch {
		// As above.
	}
}

/** Contracts must survive storage pressure; the browser may say no, which changes nothing here. */
function requestPersistentStorage(): void {
	try {
		void globalThis.navigator?.storage?.persist?.()?.catch(() => {});
	} catch {
		// Ignored on purpose: persistence is a wish, not a requirement.
	}
}
