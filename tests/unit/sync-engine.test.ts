// The sync engine's surface: failures shown as message keys (not raw English), one Background Sync registration path.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { i18n } from '../../src/lib/i18n/index.svelte';
import { HttpError, NetworkError } from '../../src/lib/sync/api';
import { requestBackgroundSync, SYNC_TAG } from '../../src/lib/sync/background';
import * as engine from '../../src/lib/sync/engine';
import { syncErrorOf } from '../../src/lib/sync/errors';
import { syncStatus } from '../../src/lib/sync/status.svelte';
import { changesBody, json, resetDevice } from './helpers';

beforeEach(() => resetDevice());
afterEach(() => {
	vi.unstubAllGlobals();
	i18n.locale = 'zh-CN';
	syncStatus.error = null;
	getDb().close();
});

describe('sync failures reach the UI as message keys', () => {
	it('a server error during a round is shown in the user’s language; the raw text is kept as the detail', async () => {
		vi.stubGlobal('fetch', async () => json(500, { error: 'internal', message: 'SQLITE_BUSY: database is locked' }));
		await engine.syncNow();
		expect(syncStatus.error).toMatchObject({ kind: 'server', key: 'syncError_server' });
		expect(syncStatus.error!.detail).toContain('HTTP 500');
		expect(syncStatus.error!.detail).toContain('SQLITE_BUSY');
		expect(syncStatus.lastError).toBe('服务商暂时无法处理请求，请稍后重试');
		i18n.locale = 'en';
		expect(syncStatus.lastError).toBe('The provider cannot handle the request right now; please try again later');
		expect(syncStatus.lastError).not.toContain('SQLITE');

		// The next good round clears it.
		vi.stubGlobal('fetch', async () =>
			json(200, changesBody())
		);
		await engine.syncNow();
		expect(syncStatus.lastError).toBeNull();
	});

	it('maps each kind of failure: network, server (status or a malformed answer), unknown', async () => {
		expect(syncErrorOf(new NetworkError(new TypeError('fetch failed')))).toMatchObject({ kind: 'network', key: 'syncError_network' });
		expect(syncErrorOf(new HttpError(503, { error: 'unavailable' }, undefined))).toMatchObject({ kind: 'server', detail: 'HTTP 503 unavailable' });
		vi.stubGlobal('fetch', async () => json(200, { cursor: 1 }));
		await engine.syncNow();
		expect(syncStatus.error).toMatchObject({ kind: 'server', detail: expect.stringContaining('ZodError') });
		expect(syncErrorOf(new TypeError('x is undefined'))).toEqual({ kind: 'unknown', key: 'syncError_unknown', detail: 'TypeError: x is undefined' });
		expect(syncErrorOf('boom').kind).toBe('unknown');
	});

	it('being offline is a state (the badge), not an error', async () => {
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('fetch failed');
		});
		syncStatus.error = syncErrorOf(new Error('old'));
		await engine.syncNow();
		expect(syncStatus.error).toBeNull();
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

describe('engine surface', () => {
	it('has no unused extension points', () => {
		expect(Object.keys(engine)).not.toContain('addSyncStep');
		expect(Object.keys(engine)).not.toContain('requestBackgroundSync');
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
