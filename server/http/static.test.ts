// Static PWA serving: cache headers, compression, content types and the SPA fallback, over a fake build folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { makeEnv, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
let build: string;
const bigJs = `export const data = ${JSON.stringify('合同台 '.repeat(2000))};\n`;
const html = `<!doctype html><html><head><title>合同台</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;

beforeAll(async () => {
	build = mkdtempSync(join(tmpdir(), 'contract-desk-build-'));
	mkdirSync(join(build, '_app/immutable/chunks'), { recursive: true });
	mkdirSync(join(build, 'fonts'), { recursive: true });
	writeFileSync(join(build, '_app/immutable/chunks/app.A1b2C3.js'), bigJs);
	writeFileSync(join(build, '_app/version.json'), '{"version":"1"}');
	writeFileSync(join(build, '200.html'), html);
	writeFileSync(join(build, 'index.html'), html.replace('合同台', '合同台 home'));
	writeFileSync(join(build, 'service-worker.js'), `self.addEventListener('install', () => {});${' '.repeat(2000)}`);
	writeFileSync(join(build, 'manifest.webmanifest'), JSON.stringify({ name: '合同台', start_url: '/' }));
	writeFileSync(join(build, 'fonts/NotoSerifSC-subset.ttf'), Buffer.alloc(4096, 1));
	// A precompressed variant wins over on-the-fly compression.
	writeFileSync(join(build, '_app/immutable/chunks/pre.X9.js'), bigJs);
	writeFileSync(join(build, '_app/immutable/chunks/pre.X9.js.gz'), gzipSync(bigJs));
	env = await makeEnv({ staticDir: build });
});
afterAll(async () => {
	await env.cleanup();
	rmSync(build, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => env.app.request(path, { headers });

describe('static PWA', () => {
	it('hashed assets are immutable for a year; HTML, service worker, manifest and version revalidate', async () => {
		const asset = await get('/_app/immutable/chunks/app.A1b2C3.js');
		expect(asset.status).toBe(200);
		expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
		expect(asset.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');

		for (const path of ['/', '/index.html', '/service-worker.js', '/manifest.webmanifest', '/_app/version.json']) {
			const res = await get(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('Cache-Control'), path).toBe('no-cache');
		}
		expect(await (await get('/')).text()).toContain('合同台 home');
	});

	it('content types of the service worker, manifest and fonts', async () => {
		expect((await get('/service-worker.js')).headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
		expect((await get('/manifest.webmanifest')).headers.get('Content-Type')).toBe('application/manifest+json');
		expect((await get('/fonts/NotoSerifSC-subset.ttf')).headers.get('Content-Type')).toBe('font/ttf');
	});

	it('gzip when Accept-Encoding allows it, identity otherwise', async () => {
		const gz = await get('/_app/immutable/chunks/app.A1b2C3.js', { 'Accept-Encoding': 'gzip, deflate, br' });
		expect(gz.headers.get('Content-Encoding')).toBe('gzip');
		expect(gz.headers.get('Vary')).toContain('Accept-Encoding');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(bigJs);

		const plain = await get('/_app/immutable/chunks/app.A1b2C3.js');
		expect(plain.headers.get('Content-Encoding')).toBeNull();
		expect(await plain.text()).toBe(bigJs);

		const page = await get('/orders', { 'Accept-Encoding': 'gzip' });
		expect(page.headers.get('Content-Encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()).toBe(html);

		const font = await get('/fonts/NotoSerifSC-subset.ttf', { 'Accept-Encoding': 'gzip' });
		expect(font.headers.get('Content-Encoding')).toBe('gzip');
		expect(font.headers.get('Content-Type')).toBe('font/ttf');
	});

	it('a revalidation with If-Modified-Since → 304 without a body', async () => {
		const first = await get('/fonts/NotoSerifSC-subset.ttf');
		const lastModified = first.headers.get('Last-Modified');
		expect(lastModified).toBeTruthy();
		const again = await get('/fonts/NotoSerifSC-subset.ttf', { 'If-Modified-Since': lastModified! });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('Cache-Control')).toBe('no-cache');
		const old = await get('/fonts/NotoSerifSC-subset.ttf', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' });
		expect(old.status).toBe(200);
	});

	it('serves a precompressed .gz file when present', async () => {
		const res = await get('/_app/immutable/chunks/pre.X9.js', { 'Accept-Encoding': 'gzip' });
		expect(res.headers.get('Content-Encoding')).toBe('gzip');
		expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
		expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
		expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(bigJs);
	});

	it('unknown app routes get the SPA fallback; missing assets stay 404', async () => {
		const deep = await get('/contracts/123/stamping');
		expect(deep.status).toBe(200);
		expect(deep.headers.get('Content-Type')).toContain('text/html');
		expect(deep.headers.get('Cache-Control')).toBe('no-cache');
		expect(await deep.text()).toBe(html);

		expect((await get('/_app/immutable/chunks/gone.Z.js')).status).toBe(404);
		expect((await get('/missing.png')).status).toBe(404);
		expect((await env.app.request('/contracts', { method: 'POST' })).status).toBe(404);
	});

	it('the API keeps its own 404 and no-store', async () => {
		const res = await get('/api/v1/unknown');
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: 'notFound' });
		const health = await get('/api/v1/health');
		expect(health.headers.get('Cache-Control')).toBe('no-store');
	});

	it('without a build folder the API still works', async () => {
		const apiOnly = await makeEnv({ staticDir: join(build, 'does-not-exist') });
		try {
			expect((await apiOnly.app.request('/api/v1/health')).status).toBe(200);
			expect((await apiOnly.app.request('/')).status).toBe(404);
		} finally {
			await apiOnly.cleanup();
		}
	});
});
