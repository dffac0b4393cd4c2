// The sync engine on a fake clock: no storm (blocked rows, refused blockers, spacing, offline), fast drain, Retry-After, failures as message keys.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { META, setMeta } from '../../src/lib/db/meta';
import { i18n } from '../../src/lib/i18n/index.svelte';
import { HttpError, NetworkError } from '../../src/lib/sync/api';
import { requestBackgroundSync, SYNC_TAG } from '../../src/lib/sync/background';
import * as engineModule from '../../src/lib/sync/engine';
import { SyncEngine, type EngineOptions } from '../../src/lib/sync/scheduler';
import { syncErrorOf } from '../../src/lib/sync/errors';
import { compareRows, nextWakeAt } from '../../src/lib/sync/outbox';
import { waitingForSignIn } from '../../src/lib/sync/session-expiry';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import { changesBody, json, queueContract, queueStamping, resetDevice } from '../support/unit/helpers';
import { FakeClock, seeded } from '../support/unit/fake-clock';

const MIN = 2_000;

type Call = { method: string; path: string; at: number };

/** The provider as the device sees it: up, unreachable, failing (503), or refusing some contracts. */
function fakeProvider(clock: FakeClock) {
	const state = {
		mode: 'up' as 'up' | 'unreachable' | 'failing' | 'unauthorized',
		refuse: new Set<string>(),
		/** Answers 429 with this Retry-After (seconds) to registrations of these ids. */
		rateLimit: new Map<string, number>(),
		calls: [] as Call[]
	};
	const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = new URL(String(input), 'http://device.test');
		const method = init?.method ?? 'GET';
		state.calls.push({ method, path: url.pathname, at: clock.now() });
		if (state.mode === 'unreachable') throw new TypeError('fetch failed');
		if (state.mode === 'failing') return json(503, { error: 'unavailable' });
		if (state.mode === 'unauthorized') return json(401, { error: 'unauthorized' });
		if (method === 'GET') return json(200, changesBody());
		const m = /\/contracts\/([^/]+)(\/stamping)?$/.exec(url.pathname)!;
		const id = decodeURIComponent(m[1]!);
		if (m[2]) return json(201, { stamping: {} });
		if (state.refuse.has(id)) return json(422, { error: 'partyAMismatch', message: 'Party A' });
		const wait = state.rateLimit.get(id);
		if (wait !== undefined) return json(429, { error: 'slowDown' }, { 'retry-after': String(wait) });
		return json(201, { contract: { id, status: 'effective', registeredAt: '2026-12-01T02:00:00.000Z' } });
	}) as typeof fetch;
	const pulls = () => state.calls.filter((c) => c.method === 'GET').length;
	const puts = () => state.calls.filter((c) => c.method === 'PUT').length;
	return { state, fetchImpl, pulls, puts };
}

let clock: FakeClock;
let provider: ReturnType<typeof fakeProvider>;
let online: boolean;
let engine: SyncEngine;

function makeEngine(extra: Partial<EngineOptions> = {}): SyncEngine {
	engine?.stop();
	engine = new SyncEngine({
		clock,
		minIntervalMs: MIN,
		isOnline: () => online,
		flush: { fetchImpl: provider.fetchImpl, random: seeded(7), useLocks: false },
		status: syncStatus,
		backgroundSync: () => undefined,
		...extra
	});
	return engine;
}

const idle = () => engine.idle();
/** Asks for a round and lets it run (its start may wait for the spacing). */
async function round(opts: Parameters<SyncEngine['request']>[0] = {}): Promise<void> {
	let finished = false;
	const done = engine.request(opts).then(() => (finished = true));
	while (!finished) await clock.advance(50, idle);
	await done;
}
const rows = async () => (await getDb().outbox.toArray()).sort(compareRows);
const unfinished = async () => (await rows()).filter((r) => r.status === 'pending' || r.status === 'sending').length;

beforeEach(async () => {
	await resetDevice();
	clock = new FakeClock();
	provider = fakeProvider(clock);
	online = true;
	// pull() uses the global fetch; the flush gets the same fake explicitly.
	vi.stubGlobal('fetch', provider.fetchImpl);
	makeEngine();
});
afterEach(() => {
	engine.stop();
	vi.unstubAllGlobals();
	i18n.locale = 'zh-CN';
	syncStatus.reset();
	getDb().close();
});

/** Queues a registration and a stamping request behind it, timed on the fake clock. */
async function contractWithStamping() {
	const c = await queueContract(undefined, new Date(clock.now()).toISOString());
	await getDb().outbox.where('resourceId').equals(c.id).modify({ createdAt: clock.now(), nextAttemptAt: clock.now() });
	// Same millisecond: the kind decides the order (registration first), and both are due now.
	const s = await queueStamping(c.id, '王珺', clock.now());
	return { contract: c, stamping: s };
}

describe('no storm, by construction', () => {
	it('a stamping request behind a refused registration wakes nothing: no timer, no request for an hour', async () => {
		const { contract, stamping } = await contractWithStamping();
		provider.state.refuse.add(contract.id);
		await round();
		expect((await rows()).map((r) => r.status)).toEqual(['rejected', 'pending']);
		expect(await nextWakeAt()).toBeNull();
		expect(engine.scheduledAt).toBeNull();
		const before = provider.state.calls.length;
		await clock.advance(60 * 60_000, idle);
		expect(provider.state.calls.length - before).toBe(0);
		expect((await getDb().outbox.get(stamping.id))!.attempts).toBe(0);
	});

	it('a row behind a registration that waits out its backoff wakes only at that registration’s retry time', async () => {
		const { contract } = await contractWithStamping();
		provider.state.mode = 'failing';
		await round();
		const reg = (await rows()).find((r) => r.resourceId === contract.id && r.kind === 'registerContract')!;
		expect(reg).toMatchObject({ status: 'pending', attempts: 1 });
		// The stamping row's own nextAttemptAt is long past; only the registration's retry counts.
		expect(await nextWakeAt()).toBe(reg.nextAttemptAt);
		expect(engine.scheduledAt).toBeGreaterThanOrEqual(reg.nextAttemptAt);
		expect(engine.scheduledAt).toBeLessThanOrEqual(Math.max(reg.nextAttemptAt, clock.now() + MIN));
		// Ten minutes of a failing provider: rounds follow the registration's backoff, one pull each at most.
		const pullsBefore = provider.pulls();
		await clock.advance(10 * 60_000, idle);
		const attempts = (await getDb().outbox.get(reg.id))!.attempts;
		expect(provider.pulls() - pullsBefore).toBeLessThanOrEqual(attempts);
		expect(attempts).toBeLessThanOrEqual(16); // 1 s · 2^n with full jitter, capped at 5 min: not the 300 rounds the spacing allows
		const gets = provider.state.calls.filter((c) => c.method === 'GET').map((c) => c.at);
		for (let i = 1; i < gets.length; i++) expect(gets[i]! - gets[i - 1]!).toBeGreaterThanOrEqual(MIN);
	});

	it('a refused registration never holds back another contract’s rows', async () => {
		const a = await contractWithStamping();
		clock.t += 10;
		const b = await contractWithStamping();
		provider.state.refuse.add(a.contract.id);
		await round();
		const byId = new Map((await rows()).map((r) => [r.id, r]));
		expect(byId.get(a.stamping.id)!.status).toBe('pending');
		expect(byId.get(b.stamping.id)!.status).toBe('done');
		expect([...byId.values()].filter((r) => r.resourceId === b.contract.id).every((r) => r.status === 'done')).toBe(
			true
		);
		const { listOutbox } = await import('../../src/lib/features/outbox/view');
		const waiting = (await listOutbox(0, 10)).rows.find((r) => r.id === a.stamping.id)!;
		expect(waiting.blockedBy).toEqual({ kind: 'registerContract', status: 'rejected' });
	});

	it('rounds are at least the minimum interval apart however many triggers fire, and pull once each', async () => {
		await contractWithStamping();
		const starts: number[] = [];
		makeEngine({
			status: {
				roundStarted: () => starts.push(clock.now()),
				setFlushing: () => undefined,
				roundEnded: () => undefined
			}
		});
		// 200 triggers over 10 s (enqueues, focus, online…).
		for (let i = 0; i < 200; i++) {
			void engine.request(i % 50 === 0 ? { networkBack: true } : {});
			await clock.advance(50, idle);
		}
		await clock.advance(MIN, idle);
		expect(starts.length).toBeGreaterThan(1);
		expect(starts.length).toBeLessThanOrEqual(Math.ceil(10_000 / MIN) + 1);
		for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(MIN);
		expect(provider.pulls()).toBeLessThanOrEqual(starts.length);
	});

	it('a round within the spacing of another pull defers its pull (not drops it) and resumes stopped document downloads', async () => {
		let downloads = 0;
		makeEngine({ downloads: async () => void downloads++ });
		await round();
		// The pull ran and resumes downloads itself: the engine adds no second run.
		expect(provider.pulls()).toBe(1);
		expect(downloads).toBe(0);
		// A reload within the spacing (a new engine, the pull's start time persisted): no pull yet, downloads resume…
		makeEngine({ downloads: async () => void downloads++ });
		await round();
		expect(provider.pulls()).toBe(1);
		expect(downloads).toBe(1);
		// …and the pull follows by itself once the spacing allows, with no trigger: the provider's news is not left waiting.
		await clock.advance(MIN, idle);
		expect(provider.pulls()).toBe(2);
		// Then nothing more: no pull loop.
		await clock.advance(10 * MIN, idle);
		expect(provider.pulls()).toBe(2);
	});

	it('offline: not one request and no attempt, whatever triggers fire, until the network is back', async () => {
		await contractWithStamping();
		await contractWithStamping();
		online = false;
		for (let i = 0; i < 100; i++) {
			void engine.request({ forced: i % 10 === 0 });
			await clock.advance(600, idle);
		}
		await clock.advance(30 * 60_000, idle);
		expect(provider.state.calls).toEqual([]);
		expect((await rows()).every((r) => r.attempts === 0 && r.status === 'pending')).toBe(true);
		expect(engine.scheduledAt).toBeNull();
		online = true;
		await round({ networkBack: true });
		expect(await unfinished()).toBe(0);
	});

	it('going offline mid-flush stops sending and does not count the lost attempt', async () => {
		for (let i = 0; i < 4; i++) await queueContract();
		let n = 0;
		const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
			if ((init?.method ?? 'GET') === 'PUT' && ++n === 2) {
				online = false;
				throw new TypeError('Failed to fetch');
			}
			return provider.fetchImpl(input, init);
		}) as typeof fetch;
		makeEngine({ flush: { fetchImpl, useLocks: false, concurrency: 1 } });
		await round();
		const all = await rows();
		expect(all.filter((r) => r.status === 'done')).toHaveLength(1);
		expect(all.filter((r) => r.status === 'pending').every((r) => r.attempts === 0)).toBe(true);
		expect(provider.pulls()).toBe(0);
	});

	it('after a 401 nothing is sent with the refused token; a new sign-in resumes', async () => {
		await queueContract();
		provider.state.mode = 'unauthorized';
		await round();
		expect(waitingForSignIn()).toBe(true);
		expect(syncStatus.sessionExpired).toBe(true);
		const before = provider.state.calls.length;
		for (let i = 0; i < 20; i++) await round({ forced: true });
		expect(provider.state.calls.length).toBe(before);
		provider.state.mode = 'up';
		await setMeta(META.session, { token: 'new', accountId: 'acct-1' });
		await round();
		expect(syncStatus.sessionExpired).toBe(false);
		expect(await unfinished()).toBe(0);
	});
});

describe('drain fast when the provider is back', () => {
	/** 30 rows through a 2-minute outage of the given kind; returns fake ms from recovery to an empty queue. */
	async function outage(kind: 'unreachable' | 'failing'): Promise<number> {
		for (let i = 0; i < 30; i++) await queueContract();
		provider.state.mode = kind;
		await round();
		await clock.advance(2 * 60_000, idle);
		const waiting = await rows();
		expect(Math.max(...waiting.map((r) => r.attempts))).toBeGreaterThanOrEqual(4);
		// Without a recovery rule these rows would sit out waits of up to minutes.
		expect(Math.max(...waiting.map((r) => r.nextAttemptAt)) - clock.now()).toBeGreaterThan(15_000);
		provider.state.mode = 'up';
		const recovered = clock.now();
		while ((await unfinished()) > 0 && clock.now() - recovered < 10 * 60_000) await clock.advance(250, idle);
		return clock.now() - recovered;
	}

	it('after a 2-minute outage (no answer), a success makes every waiting row due: empty within seconds', async () => {
		expect(await outage('unreachable')).toBeLessThanOrEqual(15_000);
	});

	it('after a 2-minute outage (503s), likewise', async () => {
		expect(await outage('failing')).toBeLessThanOrEqual(15_000);
	});

	it('a successful pull after failed ones brings rows forward even before any push succeeds', async () => {
		await queueContract();
		provider.state.mode = 'unreachable';
		await round();
		await clock.advance(60_000, idle);
		const row = (await rows())[0]!;
		// Push it far out, as a long backoff would.
		await getDb().outbox.update(row.id, { nextAttemptAt: clock.now() + 4 * 60_000 });
		provider.state.mode = 'up';
		const putsBefore = provider.puts();
		await round(); // e.g. the page became visible: flush (nothing due), pull OK → recovery → flush again
		expect(provider.puts() - putsBefore).toBe(1);
		expect(await unfinished()).toBe(0);
		expect(syncStatus.provider).toBe('ok');
	});

	it('the online event makes transiently failed rows due at once', async () => {
		await queueContract();
		const row = (await rows())[0]!;
		// Failed for lack of network on an earlier page (this engine saw no failure) and waits out a long backoff.
		await getDb().outbox.update(row.id, {
			attempts: 6,
			lastError: { code: 'network', detail: 'Failed to fetch' },
			nextAttemptAt: clock.now() + 4 * 60_000
		});
		await round(); // a plain round (pull fine, nothing failed before it) leaves it waiting
		expect(await unfinished()).toBe(1);
		await round({ networkBack: true });
		expect(await unfinished()).toBe(0);
	});

	it('a recovery still honours the server’s Retry-After', async () => {
		const a = await queueContract();
		clock.t += 5;
		const b = await queueContract();
		provider.state.mode = 'unreachable';
		await round();
		provider.state.mode = 'up';
		provider.state.rateLimit.set(a.id, 30);
		const up = clock.now();
		await clock.advance(60_000, idle);
		// b went through once the provider answered; a was told to wait 30 s and was not sent earlier,
		// although b's success and the good pulls were recoveries that brought every other row forward.
		const rowA = (await rows()).find((r) => r.resourceId === a.id)!;
		expect(rowA.lastError).toMatchObject({ code: 'rateLimited', status: 429 });
		const sent = provider.state.calls.filter((c) => c.at >= up && c.path.endsWith(a.id)).map((c) => c.at);
		expect(sent.length).toBeGreaterThanOrEqual(2);
		for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(30_000);
		expect((await rows()).find((r) => r.resourceId === b.id)!.status).toBe('done');
		provider.state.rateLimit.delete(a.id);
		await clock.advance(60_000, idle);
		expect(await unfinished()).toBe(0);
	});

	it('a provider that is down costs a few requests a minute, whatever the queue holds', async () => {
		for (let i = 0; i < 50; i++) await queueContract();
		provider.state.mode = 'unreachable';
		await round();
		await clock.advance(2 * 60_000, idle);
		const before = provider.state.calls.length;
		await clock.advance(10 * 60_000, idle);
		// Probe rounds at most every 5–10 s (jittered), each one pull and at most two rows, sent one at a time.
		expect((provider.state.calls.length - before) / 10).toBeLessThanOrEqual(36);
		expect(Math.max(...(await rows()).map((r) => r.attempts))).toBeLessThanOrEqual(16);
		provider.state.mode = 'up';
		const back = clock.now();
		while ((await unfinished()) > 0) await clock.advance(250, idle);
		expect(clock.now() - back).toBeLessThanOrEqual(15_000);
	});

	it('a provider that keeps failing is still protected: attempts grow slowly (backoff), not once per round', async () => {
		for (let i = 0; i < 5; i++) await queueContract();
		provider.state.mode = 'failing';
		await round();
		await clock.advance(30 * 60_000, idle);
		// Full jitter, 1 s doubling, 5 min cap: about 20 tries per row in 30 minutes (mean wait 150 s at the cap),
		// against the 900 rounds the minimum spacing alone would allow.
		for (const r of await rows()) expect(r.attempts).toBeLessThanOrEqual(30);
		expect(provider.puts()).toBeLessThanOrEqual(5 * 30);
	});
});

describe('where the problem is, and failures as message keys', () => {
	it('a provider that does not answer is "unreachable", one that answers 5xx is "failing"', async () => {
		provider.state.mode = 'unreachable';
		await round();
		expect(syncStatus.provider).toBe('unreachable');
		expect(syncStatus.error).toMatchObject({ kind: 'network', key: 'syncError_network' });
		provider.state.mode = 'failing';
		clock.t += MIN;
		await round();
		expect(syncStatus.provider).toBe('failing');
		expect(syncStatus.error).toMatchObject({ kind: 'server', detail: 'HTTP 503 unavailable' });
		provider.state.mode = 'up';
		clock.t += MIN;
		await round();
		expect(syncStatus.provider).toBe('ok');
		expect(syncStatus.error).toBeNull();
	});

	it('a server error is shown in the user’s language; the raw text is kept as the detail', async () => {
		vi.stubGlobal('fetch', async () => json(500, { error: 'internal', message: 'SQLITE_BUSY: database is locked' }));
		await round();
		expect(syncStatus.error).toMatchObject({ kind: 'server', key: 'syncError_server' });
		expect(syncStatus.error!.detail).toContain('SQLITE_BUSY');
		expect(syncStatus.lastError).toBe('服务商暂时无法处理请求，请稍后重试');
		i18n.locale = 'en';
		expect(syncStatus.lastError).toBe('The provider cannot handle the request right now; please try again later');
	});

	it('maps each kind of failure: network, server (status or a malformed answer), unknown', async () => {
		expect(syncErrorOf(new NetworkError(new TypeError('fetch failed')))).toMatchObject({
			kind: 'network',
			key: 'syncError_network'
		});
		expect(syncErrorOf(new HttpError(503, { error: 'unavailable' }, undefined))).toMatchObject({
			kind: 'server',
			detail: 'HTTP 503 unavailable'
		});
		vi.stubGlobal('fetch', async () => json(200, { cursor: 1 }));
		await round();
		expect(syncStatus.error).toMatchObject({ kind: 'server', detail: expect.stringContaining('ZodError') });
		expect(syncStatus.provider).toBe('failing');
		expect(syncErrorOf(new TypeError('x is undefined'))).toEqual({
			kind: 'unknown',
			key: 'syncError_unknown',
			detail: 'TypeError: x is undefined'
		});
		expect(syncErrorOf('boom').kind).toBe('unknown');
	});
});

describe('Background Sync registration', () => {
	it('registers the one tag the service worker listens for', async () => {
		const register = vi.fn(async () => undefined);
		vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({ sync: { register } }) } });
		expect(await requestBackgroundSync()).toBe(true);
		expect(register).toHaveBeenCalledWith(SYNC_TAG);
	});

	it('gives up quietly where Background Sync or a worker is missing', async () => {
		vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({}) } });
		expect(await requestBackgroundSync()).toBe(false);
		vi.stubGlobal('navigator', {});
		expect(await requestBackgroundSync()).toBe(false);
	});

	it('the tag is defined once and registered from one function only', () => {
		const files = sources(join(__dirname, '../../src'));
		const definitions = files.filter(([, text]) => /\bSYNC_TAG\s*=/.test(text)).map(([path]) => path);
		expect(definitions).toEqual([expect.stringMatching(/src\/lib\/sync\/background\.ts$/)]);
		const registrations = files.filter(([, text]) => /\.register\(\s*SYNC_TAG\s*\)/.test(text)).map(([path]) => path);
		expect(registrations).toEqual([expect.stringMatching(/src\/lib\/sync\/background\.ts$/)]);
		const sw = files.find(([path]) => path.endsWith('service-worker.ts'))![1];
		expect(sw).toMatch(/import \{ SYNC_TAG \} from '\.\/lib\/sync\/background'/);
	});
});

describe('one source for each fact', () => {
	it('has no unused extension points', () => {
		expect(Object.keys(engineModule)).not.toContain('addSyncStep');
		expect(Object.keys(engineModule)).not.toContain('requestBackgroundSync');
	});

	it('online/offline is read from svelte/reactivity/window only; "session expired" is written in one module', () => {
		const files = sources(join(__dirname, '../../src')).filter(
			([path]) => !path.endsWith('service-worker.ts') && !path.endsWith('sync/flush.ts')
		);
		const onLine = files.filter(([, text]) => /navigator\.onLine/.test(text)).map(([path]) => path);
		expect(onLine).toEqual([]);
		const sources_ = files.filter(([, text]) => /from 'svelte\/reactivity\/window'/.test(text)).map(([path]) => path);
		expect(sources_).toEqual([expect.stringMatching(/src\/lib\/sync\/status\.svelte\.ts$/)]);
		const expiredWriters = files
			.filter(([, text]) => /(?<![#\w])sessionExpired\s*=[^=>]|expiredToken\s*=[^=]/.test(text))
			.map(([path]) => path);
		expect(expiredWriters).toEqual([expect.stringMatching(/src\/lib\/sync\/session-expiry\.ts$/)]);
		const stringErrors = files.filter(([, text]) => /lastError\??\.startsWith/.test(text)).map(([path]) => path);
		expect(stringErrors).toEqual([]);
	});
});

/** Every .ts and .svelte file under `dir`, with its text (tests excluded). */
function sources(dir: string): [string, string][] {
	const out: [string, string][] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sources(path));
		else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts')) out.push([path, readFileSync(path, 'utf8')]);
	}
	return out;
}
