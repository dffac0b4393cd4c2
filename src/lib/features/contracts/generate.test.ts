// Generation: a valid record of each kind, one atomic write, and nothing written when rendering fails.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { canonicalJson, sha256Hex } from '../../domain/canonical';
import { contractRecord, MAX_ORDERS_PER_CONTRACT, type ContractRecord } from '../../domain/contract';
import { ContractRuleError } from '../../domain/contractRules';
import { CURRENT_TEMPLATE_VERSION, templateVersionInfo } from '../../domain/templateVersions';
import type { Filing } from '../../domain/filing';
import type { Order } from '../../domain/order';
import { forgetDb, getDb } from '../../db/database';
import { queryContracts, saveGeneratedContract as defaultSave } from '../../db/contracts';
import { i18n } from '../../i18n/index.svelte';
import { GlyphPendingError, MissingGlyphError } from '../../pdf/coverage';
import { generationErrorText } from './errors';
import {
	buildRecord,
	checkContractRules,
	generateContract,
	type DraftHandle,
	type GenerateDeps,
	type GenerateInput
} from './generate';
import { shanghaiMonth } from '../../domain/time';
import {
	TEST_CREDIT_CODE,
	TEST_IDENTITY,
	TEST_PROVIDER
} from '../../../../tests/support/lib/features/contracts/parties';
import { takeGenerated } from './justGenerated';

const CODE = TEST_CREDIT_CODE;
const identity = TEST_IDENTITY;
const provider = TEST_PROVIDER;
const contact = {
	person: '王喆',
	phone: '13800138000',
	email: 'zhe@example.com',
	mailingAddress: '深圳市南山区科技园'
};
const filing: Filing = {
	id: 'filing-1',
	filingNumber: '粤ICP备2023012345号',
	orderNumber: '440300230412000123',
	entityName: identity.legalName,
	sites: [{ siteNumber: '粤ICP备2023012345号-1', name: '喆堃云官网', domains: ['zhekun.cn', 'www.zhekun.cn'] }],
	status: 'approved',
	filedOn: '2023-04-20',
	updatedAt: '2023-04-20T09:00:00+08:00'
};
const order = (id: string, amountFen: number, paidAt: string): Order => ({
	id,
	product: '云服务器 CVM',
	spec: '标准型 S5 2核4GB',
	billingMode: 'prepaid',
	amountFen,
	currency: 'CNY',
	paidAt,
	status: 'paid',
	updatedAt: paidAt
});

const inputs: Record<ContractRecord['kind'], GenerateInput> = {
	framework: { kind: 'framework', identity, provider, contact },
	filing: { kind: 'filing', identity, provider, contact, filing },
	order: {
		kind: 'order',
		identity,
		provider,
		contact,
		orders: [
			order('20260301000200000001', 1_234_567, '2026-03-01T10:00:00+08:00'),
			order('20260101000100000002', 1, '2026-01-01T09:00:00+08:00')
		]
	}
};

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
const fakeDeps = (over: Partial<GenerateDeps> = {}): Partial<GenerateDeps> => ({
	loadFonts: async () => ({ regular: new Uint8Array(), bold: new Uint8Array() }),
	render: async () => PDF,
	now: () => new Date('2026-11-26T02:05:00Z'),
	...over
});

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
	// The order flow's orders are on the device, as they are when picked.
	if (inputs.order.kind === 'order')
		await getDb().orders.bulkAdd(inputs.order.orders.map((o) => ({ ...o, month: shanghaiMonth(o.paidAt) })));
});
afterEach(() => getDb().close());

describe('buildRecord', () => {
	it.each(Object.keys(inputs) as ContractRecord['kind'][])(
		'builds a record of kind %s that the shared schema accepts',
		(kind) => {
			const id = crypto.randomUUID();
			const record = buildRecord(inputs[kind], new Date('2026-11-26T17:30:00Z'), id);
			expect(contractRecord.safeParse(record).success).toBe(true);
			expect(record).toMatchObject({
				kind,
				id,
				templateVersion: CURRENT_TEMPLATE_VERSION[kind],
				// 17:30 UTC is already the next day in Shanghai: the number carries the Shanghai date.
				createdAt: '2026-11-27T01:30:00.000+08:00',
				partyA: { name: identity.legalName, creditCode: CODE, legalRepresentative: '张喆' },
				partyB: {
					name: provider.name,
					creditCode: CODE,
					registeredAddress: provider.registeredAddress,
					verifyOrigin: provider.verifyOrigin
				},
				contact
			});
			const digits = templateVersionInfo(CURRENT_TEMPLATE_VERSION[kind])!.numberHexDigits;
			expect(record.number).toBe(`HT-20261127-${id.replaceAll('-', '').slice(0, digits).toUpperCase()}`);
		}
	);

	it('freezes the filing without its live status, and orders oldest first with an integer total', () => {
		const f = buildRecord(inputs.filing, new Date(), crypto.randomUUID());
		expect(f.kind === 'filing' && f.filing).toEqual({
			id: filing.id,
			filingNumber: filing.filingNumber,
			orderNumber: filing.orderNumber,
			entityName: filing.entityName,
			sites: filing.sites,
			filedOn: filing.filedOn
		});
		const o = buildRecord(inputs.order, new Date(), crypto.randomUUID());
		if (o.kind !== 'order') throw new Error('kind');
		expect(o.orders.map((x) => x.id)).toEqual(['20260101000100000002', '20260301000200000001']);
		expect(o.totalFen).toBe(1_234_568);
		expect(Object.keys(o.orders[0]!).sort()).toEqual(['amountFen', 'billingMode', 'id', 'paidAt', 'product', 'spec']);
	});

	it('writes createdAt in Shanghai time with an explicit offset', () => {
		const record = buildRecord(inputs.framework, new Date('2026-01-31T16:00:00.123Z'), crypto.randomUUID());
		expect(record.createdAt).toBe('2026-02-01T00:00:00.123+08:00');
		expect(record.number).toMatch(/^HT-20260201-/);
	});
});

describe('generateContract', () => {
	it.each(Object.keys(inputs) as ContractRecord['kind'][])(
		'stores a %s contract, its PDF and one outbox row',
		async (kind) => {
			const phases: string[] = [];
			const row = await generateContract(inputs[kind], (p) => phases.push(p), fakeDeps());
			expect(phases).toEqual(['preparing', 'fonts', 'rendering', 'saving']);
			const db = getDb();
			const stored = await db.contracts.get(row.id);
			expect(stored).toMatchObject({ kind, status: 'pending', pdfSha256: await sha256Hex(PDF) });
			const {
				status: _s,
				contentHash,
				pdfSha256: _p,
				registeredAt: _r,
				searchKeys: _k,
				searchParts: _sp,
				...record
			} = stored!;
			expect(contentHash).toBe(await sha256Hex(canonicalJson(record)));
			expect((await db.documents.get(row.id))?.size).toBe(PDF.byteLength);
			expect(await db.outbox.where('resourceId').equals(row.id).count()).toBe(1);
			expect((await queryContracts({}, 0, 20)).rows.map((r) => r.id)).toEqual([row.id]);
			// Its detail page gets what was stored, from memory: the row as written and the PDF's very bytes.
			const handed = takeGenerated(row.id);
			expect(handed?.row).toEqual(stored);
			expect(new Uint8Array(await handed!.document.blob.arrayBuffer())).toEqual(PDF);
			expect(handed?.document).toMatchObject({ contractId: row.id, size: PDF.byteLength, sha256: stored!.pdfSha256 });
		}
	);

	it("shows the font phase again while the renderer waits for the font's rest", async () => {
		const phases: string[] = [];
		const render = vi.fn(async (_r: ContractRecord, _f: unknown, onPhase?: (p: 'fonts' | 'rendering') => void) => {
			onPhase?.('fonts');
			onPhase?.('rendering');
			return PDF;
		});
		await generateContract(inputs.framework, (p) => phases.push(p), fakeDeps({ render }));
		expect(phases).toEqual(['preparing', 'fonts', 'rendering', 'fonts', 'rendering', 'saving']);
	});

	it('hands the renderer the validated record it stores', async () => {
		const render = vi.fn(async () => PDF);
		const row = await generateContract(inputs.order, undefined, fakeDeps({ render }));
		const [record] = render.mock.calls[0] as unknown as [ContractRecord];
		expect(record.id).toBe(row.id);
		expect(record.number).toBe(row.number);
	});

	it('writes nothing when the renderer refuses a missing glyph', async () => {
		const render = vi.fn(async () => {
			throw new MissingGlyphError('𠮷', 'contact.person');
		});
		await expect(generateContract(inputs.framework, undefined, fakeDeps({ render }))).rejects.toBeInstanceOf(
			MissingGlyphError
		);
		const db = getDb();
		expect([await db.contracts.count(), await db.documents.count(), await db.outbox.count()]).toEqual([0, 0, 0]);
	});

	it('writes nothing, and never renders, for a record the schema refuses', async () => {
		const render = vi.fn(async () => PDF);
		const bad: GenerateInput = { ...inputs.framework, contact: { ...contact, phone: '12345' } };
		await expect(generateContract(bad, undefined, fakeDeps({ render }))).rejects.toThrow();
		expect(render).not.toHaveBeenCalled();
		expect(await getDb().contracts.count()).toBe(0);
	});

	it('refuses more than the maximum number of orders', async () => {
		const many = Array.from({ length: MAX_ORDERS_PER_CONTRACT + 1 }, (_, i) =>
			order(String(10_000_000_000 + i), 100, '2026-01-01T09:00:00+08:00')
		);
		await expect(
			generateContract({ ...inputs.order, orders: many } as GenerateInput, undefined, fakeDeps())
		).rejects.toThrow();
		expect(await getDb().contracts.count()).toBe(0);
	});

	it('refuses, before rendering, an order refunded since it was picked, naming it; writes nothing', async () => {
		const [, second] = inputs.order.kind === 'order' ? inputs.order.orders : [];
		// A pull marked it refunded after the picker offered it: the flow's input still says paid.
		await getDb().orders.update(second!.id, { status: 'refunded' });
		const render = vi.fn(async () => PDF);
		const error = await generateContract(inputs.order, undefined, fakeDeps({ render })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ContractRuleError);
		expect(error).toMatchObject({ discrepancies: [{ code: 'orderRefunded', id: second!.id }] });
		expect(generationErrorText(error)).toContain(`${second!.id}（已退款）`);
		expect(render).not.toHaveBeenCalled();
		expect(await getDb().contracts.count()).toBe(0);
	});

	it('refuses an order that is not on the device', async () => {
		const stray = order('30000000000000000001', 100, '2026-02-01T09:00:00+08:00');
		const input = { ...inputs.order, orders: [stray] } as GenerateInput;
		await expect(generateContract(input, undefined, fakeDeps())).rejects.toMatchObject({
			discrepancies: [{ code: 'orderUnknown', id: stray.id }]
		});
	});

	it('deletes the draft with the contract, holding it before the write', async () => {
		await getDb().drafts.put({ key: 'contract.framework', value: { step: 'confirm' }, updatedAt: 1 });
		const calls: string[] = [];
		const draft: DraftHandle = {
			key: 'contract.framework',
			hold: async () => void calls.push('hold'),
			resume: () => void calls.push('resume')
		};
		const save = vi.fn(async (g: Parameters<GenerateDeps['save']>[0]) => {
			calls.push(`save ${g.draftKey}`);
			return defaultSave(g);
		});
		await generateContract(inputs.framework, undefined, fakeDeps({ save }), draft);
		expect(calls).toEqual(['hold', 'save contract.framework']);
		expect(await getDb().drafts.get('contract.framework')).toBeUndefined();
	});

	it('lets the draft save again when the write fails', async () => {
		await getDb().drafts.put({ key: 'contract.framework', value: { step: 'confirm' }, updatedAt: 1 });
		const calls: string[] = [];
		const draft: DraftHandle = {
			key: 'contract.framework',
			hold: async () => void calls.push('hold'),
			resume: () => void calls.push('resume')
		};
		const save = async () => {
			throw new DOMException('quota', 'QuotaExceededError');
		};
		await expect(generateContract(inputs.framework, undefined, fakeDeps({ save }), draft)).rejects.toThrow('quota');
		expect(calls).toEqual(['hold', 'resume']);
		expect(await getDb().drafts.get('contract.framework')).toBeDefined();
	});

	it('writes nothing when the fonts cannot be loaded', async () => {
		const loadFonts = async () => {
			throw new Error('font /fonts/contract-serif-regular.ttf: HTTP 503');
		};
		await expect(generateContract(inputs.filing, undefined, fakeDeps({ loadFonts }))).rejects.toThrow(/503/);
		expect(await getDb().outbox.count()).toBe(0);
	});
});

describe('generateContract with the real renderer and fonts', () => {
	it('renders and stores a PDF, and refuses a character the font lacks naming it, writing nothing', async () => {
		const { loadContractFontsNode } = await import('../../pdf/fonts-node');
		const deps = { loadFonts: loadContractFontsNode };
		const row = await generateContract(inputs.framework, undefined, deps);
		const doc = await getDb().documents.get(row.id);
		const bytes = new Uint8Array(await doc!.blob.arrayBuffer());
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
		expect(await sha256Hex(bytes)).toBe(row.pdfSha256);

		// What the user types is held to the font by its schema (the form said so at step 1): refused before rendering.
		const typed: GenerateInput = { ...inputs.framework, contact: { ...contact, person: '王😀' } };
		const refused = await generateContract(typed, undefined, deps).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ZodError);
		expect((refused as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['contact.person', 'notInFont']
		]);
		expect(generationErrorText(refused)).toContain('联系人：含有合同字体中没有的字符');
		// Text from the verification is not typed here: the renderer's own check still names it.
		const bad: GenerateInput = { ...inputs.framework, identity: { ...TEST_IDENTITY, legalRepresentative: '王😀' } };
		const error = await generateContract(bad, undefined, deps).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MissingGlyphError);
		expect(error).toMatchObject({ char: '😀', field: 'partyA.legalRepresentative' });
		expect(generationErrorText(error)).toContain('甲方法定代表人');
		const db = getDb();
		expect([await db.contracts.count(), await db.documents.count(), await db.outbox.count()]).toEqual([1, 1, 1]);
	}, 60_000);
});

describe('checkContractRules', () => {
	it('refuses a record whose parties are not the verified entity and the provider, naming the fields', async () => {
		const record = buildRecord(inputs.framework, new Date(), crypto.randomUUID());
		const other = {
			...inputs.framework,
			identity: { ...identity, legalName: '别的公司' },
			provider: { ...provider, name: '别的服务商' }
		};
		const deps = { orderRows: async () => [], attachedTo: async () => new Map() };
		const error = await checkContractRules(record, other, deps).catch((e: unknown) => e);
		expect(error).toMatchObject({
			discrepancies: [
				{ path: 'partyA.name', code: 'partyAMismatch' },
				{ path: 'partyB.name', code: 'partyBMismatch' }
			]
		});
		expect(generationErrorText(error)).toContain('「甲方名称」与实名认证信息不一致；「乙方名称」与服务商信息不一致');
		await expect(checkContractRules(record, inputs.framework, deps)).resolves.toBeUndefined();
	});

	it('refuses an order line whose printed fields differ from the order on the device, and an order already in another contract', async () => {
		const record = buildRecord(inputs.order, new Date(), crypto.randomUUID());
		if (record.kind !== 'order') throw new Error('order record expected');
		const [first, second] = record.orders;
		const rows = inputs.order.kind === 'order' ? inputs.order.orders : [];
		const byId = new Map(rows.map((o) => [o.id, o]));
		const taken = new Map([[second!.id, { contractId: 'other', number: 'HT-20261101-AAAAAAAA' }]]);
		const error = await checkContractRules(
			{ ...record, orders: [{ ...first!, amountFen: first!.amountFen + 7 }, second!], totalFen: record.totalFen + 7 },
			inputs.order,
			{ orderRows: async (ids) => ids.map((id) => byId.get(id)), attachedTo: async () => taken }
		).catch((e: unknown) => e);
		expect(error).toMatchObject({
			discrepancies: [
				{ path: 'orders.0.amountFen', code: 'orderMismatch' },
				{ path: 'orders.1.id', code: 'orderAlreadyAttached', number: 'HT-20261101-AAAAAAAA' }
			]
		});
		expect(generationErrorText(error)).toContain(`${second!.id}（已在合同 HT-20261101-AAAAAAAA 中）`);
	});
});

describe('generationErrorText', () => {
	afterEach(() => (i18n.locale = 'zh-CN'));
	it('names the character and the field in the user language', () => {
		const e = new MissingGlyphError('𠮷', 'orders[2].product');
		i18n.locale = 'zh-CN';
		const zh = generationErrorText(e);
		expect(zh).toContain('𠮷');
		expect(zh).toContain('U+20BB7');
		expect(zh).toContain('第 3 个订单的产品');
		i18n.locale = 'en';
		const en = generationErrorText(new MissingGlyphError('𠮷', 'contact.person'));
		expect(en).toContain('“𠮷”');
		expect(en).toContain('Contact person');
	});

	it('a glyph not on the device yet is not a refusal: it says generation works after the next connection', () => {
		const e = new GlyphPendingError('𫖯', 'contact.person');
		i18n.locale = 'zh-CN';
		const zh = generationErrorText(e);
		expect(zh).toContain('「𫖯」（U+2B5AF）');
		expect(zh).toContain('联系人');
		expect(zh).toContain('下次联网');
		expect(zh).not.toContain('不在合同字体中');
		i18n.locale = 'en';
		const en = generationErrorText(e);
		expect(en).toContain('“𫖯” (U+2B5AF)');
		expect(en).toContain('next time this device is online');
		expect(en).not.toContain('not in the contract font');
		// Told apart by name as well, as from a lazily loaded chunk with its own copy of the class.
		const copy = Object.assign(new Error('x'), { name: 'GlyphPendingError', char: '𫖯', field: 'contact.person' });
		expect(generationErrorText(copy)).toContain('next time this device is online');
	});
});
