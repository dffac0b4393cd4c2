// Node breakdown of one generation (issue 20): where a render's time goes — record checks, hashing, fonts, layout, subsetting, deflate — as medians.
import { jsPDF } from 'jspdf';
import { canonicalJson, sha256Hex } from '../src/lib/domain/canonical';
import { contractRecord, type ContractRecord } from '../src/lib/domain/contract';
import { checkRecordCoverage } from '../src/lib/pdf/coverage';
import { exampleFramework, exampleOrderContract } from '../src/lib/pdf/examples';
import { useBulkPrograms } from '../src/lib/pdf/fontCache';
import { FONT_DIR, loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf, type ContractFonts } from '../src/lib/pdf/render';
import { useFastStreams } from '../src/lib/pdf/streams';
import { useTextShortcuts } from '../src/lib/pdf/textPasses';
import { median, RUNS, type BenchRow } from './bench/stats';

/*
 * The phases inside jsPDF are timed by wrapping the hooks jsPDF itself calls: its addFont and putFont event
 * handlers (a face into a document; the subset font program, widths and ToUnicode map written out), the stream
 * filter (deflate) and the start of the output (buildDocument). Each phase counts its own time only (a deflate
 * inside putFont is compression, not subsetting). Record checks and hashing are timed beside the render on the
 * same record; layout is what remains before the output starts, assembly what remains after it.
 */

/**
 * BENCH_CLOCK=cpu times everything by this thread's CPU time instead of the wall clock: on a loaded machine it
 * leaves out the time other processes had the core (not garbage collection on helper threads, nor waiting).
 */
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
const now = (): number => {
	if (!CPU_CLOCK) return performance.now();
	const { user, system } = process.threadCpuUsage();
	return (user + system) / 1000;
};

type Api = {
	events: [string, unknown][];
	processDataByFilters: (...args: unknown[]) => unknown;
	TTFFont: { open: (...args: unknown[]) => unknown };
};

type Phase = 'fonts into document' | 'glyph subsetting + embedding' | 'compression (deflate)';

class PhaseClock {
	totals = new Map<Phase, number>();
	parses = 0;
	outputAt = 0;
	#children: number[] = [];

	reset(): void {
		this.totals.clear();
		this.parses = 0;
		this.outputAt = 0;
	}

	wrap<A extends unknown[], R>(phase: Phase, fn: (this: unknown, ...args: A) => R): (this: unknown, ...args: A) => R {
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper keeps jsPDF's `this`
		const clock = this;
		return function (this: unknown, ...args: A): R {
			const t0 = now();
			clock.#children.push(0);
			try {
				return fn.apply(this, args);
			} finally {
				const ms = now() - t0;
				const nested = clock.#children.pop()!;
				clock.totals.set(phase, (clock.totals.get(phase) ?? 0) + ms - nested);
				if (clock.#children.length) clock.#children[clock.#children.length - 1]! += ms;
			}
		};
	}
}

let installed: PhaseClock | undefined;

/** Wraps jsPDF's hooks once per process; every document made afterwards is timed. */
function instrument(): PhaseClock {
	if (installed) return installed;
	const clock = new PhaseClock();
	const api = jsPDF.API as unknown as Api;
	for (const entry of api.events) {
		const [name, handler] = entry;
		if (typeof handler !== 'function') continue;
		if (name === 'addFont') entry[1] = clock.wrap('fonts into document', handler as () => unknown);
		if (name === 'putFont') entry[1] = clock.wrap('glyph subsetting + embedding', handler as () => unknown);
	}
	api.events.push(['buildDocument', () => void (clock.outputAt = now())]);
	api.processDataByFilters = clock.wrap('compression (deflate)', api.processDataByFilters);
	const open = api.TTFFont.open;
	api.TTFFont.open = function (this: unknown, ...args: unknown[]) {
		clock.parses++;
		return open.apply(this, args);
	};
	installed = clock;
	return clock;
}

type Breakdown = Record<string, number>;

async function once(record: ContractRecord, fonts: ContractFonts, clock: PhaseClock): Promise<Breakdown> {
	// The checks and the hash renderContractPdf makes before drawing, timed on their own.
	const c0 = now();
	const parsed = contractRecord.parse(record);
	checkRecordCoverage(parsed, fonts.regular, fonts.pending);
	const c1 = now();
	await sha256Hex(canonicalJson(parsed));
	const c2 = now();

	clock.reset();
	const t0 = now();
	const pdf = await renderContractPdf(record, fonts);
	const t1 = now();
	await sha256Hex(pdf);
	const t2 = now();

	const phase = (p: Phase) => clock.totals.get(p) ?? 0;
	const checks = c1 - c0;
	const hash = c2 - c1;
	const beforeOutput = clock.outputAt - t0;
	const afterOutput = t1 - clock.outputAt;
	return {
		total: t1 - t0,
		'record checks (schema, glyph coverage)': checks,
		'record hash (canonical JSON + SHA-256)': hash,
		'fonts into document': phase('fonts into document'),
		'layout (text, tables, QR code)': beforeOutput - checks - hash - phase('fonts into document'),
		'glyph subsetting + embedding': phase('glyph subsetting + embedding'),
		'compression (deflate)': phase('compression (deflate)'),
		'PDF assembly (objects, strings, bytes)':
			afterOutput - phase('glyph subsetting + embedding') - phase('compression (deflate)'),
		'PDF hash (SHA-256)': t2 - t1,
		'TTF parses per document': clock.parses,
		'PDF size (KB)': pdf.byteLength / 1024
	};
}

function rows(label: string, runs: Breakdown[], target?: string): BenchRow[] {
	const keys = Object.keys(runs[0]!);
	return keys.map((key) => {
		const value = median(runs.map((r) => r[key]!));
		if (key === 'total') return { name: `node: render ${label}, warm`, value, unit: 'ms', target };
		if (key === 'TTF parses per document') return { name: `node:   ${label}: ${key}`, value, unit: '' };
		if (key === 'PDF size (KB)') return { name: `node:   ${label}: PDF size`, value, unit: 'KB' };
		return { name: `node:   ${label}: ${key}`, value, unit: 'ms' };
	});
}

/**
 * Rendering the same record again finds its font programs compressed already (streams.ts), as the server's
 * registered copy of a record it has just checked does. A new customer's contract draws other characters: this
 * record's party A has a name with two characters no earlier render drew, so every render makes and compresses
 * a font program of its own.
 */
let fresh = 0;
function newParties(record: ContractRecord): ContractRecord {
	// CJK Unified Ideographs the complete face covers, none in the example's text; 7 apart, two per record.
	const char = () => String.fromCodePoint(0x5a00 + 7 * fresh++);
	return { ...record, partyA: { ...record.partyA, name: `${char()}${char()}${record.partyA.name}` } };
}

/** The Node breakdown rows for `npm run bench` (medians of max(RUNS, 7) warm renders after 2 warm-ups). */
export async function runRenderBench(): Promise<BenchRow[]> {
	const clock = instrument();
	// A folder spelled differently is a separate entry of the per-process font cache: this read is cold.
	const f0 = now();
	const fonts = await loadContractFontsNode(undefined, `${FONT_DIR}.`);
	const fontLoad = now() - f0;

	const framework = exampleFramework();
	const order = exampleOrderContract(1000);
	clock.reset();
	const p0 = now();
	await renderContractPdf(framework, fonts);
	const first = now() - p0;
	const firstParses = clock.parses;

	const n = Math.max(RUNS, 7);
	const measure = async (next: () => ContractRecord) => {
		for (let i = 0; i < 2; i++) await once(next(), fonts, clock);
		const out: Breakdown[] = [];
		for (let i = 0; i < n; i++) out.push(await once(next(), fonts, clock));
		return out;
	};
	const fw = await measure(() => framework);
	const fwNew = await measure(() => newParties(framework));
	const or = await measure(() => order);
	// The same renders through jsPDF's own output path (its string conversions, a deflate of every font program,
	// its Arabic and bidi passes on every string), in this run: what streams.ts, fontCache's bulk font programs
	// and textPasses.ts save.
	const ownOutput = (on: boolean) => (useFastStreams(!on), useBulkPrograms(!on), useTextShortcuts(!on));
	ownOutput(true);
	const total = (runs: Breakdown[]) => median(runs.map((r) => r.total!));
	let before: { fwNew: number; or: number };
	try {
		before = { fwNew: total(await measure(() => newParties(framework))), or: total(await measure(() => order)) };
	} finally {
		ownOutput(false);
	}
	const compared = (label: string, now: Breakdown[], then: number): BenchRow[] => [
		{ name: `node:   ${label}: through jsPDF's own output path`, value: then, unit: 'ms' },
		{ name: `node:   ${label}: now / jsPDF's own output path`, value: total(now) / then, unit: '×' }
	];
	return [
		{ name: 'node: font load (read, assemble core + rest, SHA-256 check)', value: fontLoad, unit: 'ms' },
		{ name: 'node: first render of the process (faces parsed)', value: first, unit: 'ms' },
		{ name: 'node:   first render: TTF parses', value: firstParses, unit: '' },
		...rows('framework agreement', fw, '≤ 50 ms'),
		...rows('framework agreement, a new party each time', fwNew, '≤ 50 ms'),
		...compared('framework agreement, a new party each time', fwNew, before.fwNew),
		...rows('1,000-order contract', or, '≤ 300 ms'),
		...compared('1,000-order contract', or, before.or)
	];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = await runRenderBench();
	const width = Math.max(...out.map((r) => r.name.length));
	const clock = CPU_CLOCK ? 'thread CPU time' : 'wall clock';
	console.log(`${'figure'.padEnd(width)}  ${'median'.padStart(9)}  target   (runs: ${Math.max(RUNS, 7)}, ${clock})`);
	for (const r of out)
		console.log(
			`${r.name.padEnd(width)}  ${r.value.toFixed(r.unit === '×' ? 2 : 1).padStart(7)} ${r.unit.padEnd(3)} ${r.target ?? ''}`
		);
}
