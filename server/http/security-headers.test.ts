// Security headers: the page's CSP as a header (with frame-ancestors), framing, referrer and feature policies, HSTS only for https.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_POLICY, pagePolicy, WORKER_POLICY } from './security-headers';
import { makeEnv, type TestEnv } from '../../tests/support/server/app';

const META =
	"default-src 'self'; frame-src blob:; worker-src 'self'; object-src 'none'; script-src 'self' 'sha256-YNx0RTZmSnOKY5gbEleup2tMbXrSqK7TOkmBAH69UVw='; style-src 'self'";
const html = `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${META}"><title>合同台</title></head><body></body></html>`;

let build: string;
let env: TestEnv;
let https: TestEnv;
beforeAll(async () => {
	build = mkdtempSync(join(tmpdir(), 'contract-desk-headers-'));
	writeFileSync(join(build, '200.html'), html);
	writeFileSync(join(build, 'app.js'), 'export {};');
	writeFileSync(join(build, 'service-worker.js'), 'self.addEventListener("fetch", () => {});');
	env = await makeEnv({ staticDir: build });
	https = await makeEnv({ staticDir: build, env: { PUBLIC_URL: 'https://contracts.example.cn/' } });
});
afterAll(async () => {
	await env.cleanup();
	await https.cleanup();
	rmSync(build, { recursive: true, force: true });
});

function directives(policy: string | null): Map<string, string[]> {
	return new Map(
		(policy ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!, values])
	);
}

describe('security headers', () => {
	it('a page carries the built policy plus frame-ancestors, and no unsafe-eval anywhere', async () => {
		for (const path of ['/', '/contracts/abc', '/200.html']) {
			const res = await env.app.request(path);
			expect(res.status).toBe(200);
			const policy = res.headers.get('Content-Security-Policy');
			expect(policy).toBe(`${META}; frame-ancestors 'none'`);
			const d = directives(policy);
			expect(d.get('default-src')).toEqual(["'self'"]);
			expect(d.get('frame-ancestors')).toEqual(["'none'"]);
			expect(d.get('object-src')).toEqual(["'none'"]);
			expect(d.get('worker-src')).toEqual(["'self'"]);
			expect(policy).not.toContain('unsafe-eval');
			expect(res.headers.get('X-Frame-Options')).toBe('DENY');
			expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
			expect(res.headers.get('Permissions-Policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
			expect(res.headers.get('Strict-Transport-Security')).toBeNull();
		}
	});

	it('the back office alone may use the camera and run the scanner’s WebAssembly, in the header and the meta', async () => {
		for (const path of ['/office', '/office/', '/office/scan', '/office/requests/abc']) {
			const res = await env.app.request(path);
			expect(res.status).toBe(200);
			const policy = res.headers.get('Content-Security-Policy');
			const d = directives(policy);
			expect(d.get('script-src')).toContain("'wasm-unsafe-eval'");
			expect(d.get('frame-ancestors')).toEqual(["'none'"]);
			expect(policy).not.toMatch(/'unsafe-eval'/);
			const body = await res.text();
			// The <meta> is enforced as well as the header: it must allow the same.
			expect(/<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(body)?.[1]).toContain(
				"script-src 'self' 'sha256-YNx0RTZmSnOKY5gbEleup2tMbXrSqK7TOkmBAH69UVw=' 'wasm-unsafe-eval'"
			);
			const permissions = res.headers.get('Permissions-Policy') ?? '';
			expect(permissions).toContain('camera=(self)');
			expect(permissions).toContain('microphone=()');
			expect(permissions).not.toContain('camera=()');
		}
		// The customers' pages, their files and the office's API keep the camera off and no WebAssembly evaluation.
		for (const path of ['/', '/signin', '/contracts/abc/stamping', '/officex', '/200.html', '/api/v1/office/me']) {
			const res = await env.app.request(path);
			expect(res.headers.get('Content-Security-Policy'), path).not.toContain('wasm-unsafe-eval');
			expect(res.headers.get('Permissions-Policy'), path).toContain('camera=()');
			if (res.headers.get('Content-Type')?.startsWith('text/html'))
				expect(await res.text(), path).not.toContain('wasm-unsafe-eval');
		}
	});

	it('API answers, assets and 404s get the no-document policy', async () => {
		for (const path of ['/api/v1/health', '/api/v1/nope', '/missing.js', '/icons/missing.png']) {
			const res = await env.app.request(path);
			expect(res.headers.get('Content-Security-Policy'), path).toBe(API_POLICY);
			expect(res.headers.get('X-Frame-Options')).toBe('DENY');
			expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
		}
	});

	it("the service worker fetches only the app's own files; page scripts run under the page's policy", async () => {
		expect((await env.app.request('/service-worker.js')).headers.get('Content-Security-Policy')).toBe(WORKER_POLICY);
		const script = await env.app.request('/app.js');
		expect(script.headers.get('Content-Security-Policy')).toBeNull();
		expect(script.headers.get('X-Content-Type-Options')).toBe('nosniff');
	});

	it('HSTS only when PUBLIC_URL is https', async () => {
		const res = await https.app.request('/');
		expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
	});

	it('a page without a built policy runs no script rather than going without', () => {
		expect(pagePolicy('<html></html>')).toContain("script-src 'none'");
		expect(pagePolicy(html)).toBe(`${META}; frame-ancestors 'none'`);
	});
});
