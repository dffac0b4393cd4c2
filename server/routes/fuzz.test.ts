// Property test: nothing a client can send — any path segment, header, query or body — makes the API answer 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, frameworkRecord, makeEnv, signIn, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

const ROUTES = [
	['POST', '/api/v1/session'],
	['GET', '/api/v1/changes'],
	['PUT', '/api/v1/contracts/{id}'],
	['PUT', '/api/v1/contracts/{id}/stamping'],
	['PUT', '/api/v1/contracts/{id}/stamping/receipt'],
	['GET', '/api/v1/contracts/{id}'],
	['GET', '/api/v1/contracts/{id}/pdf'],
	['POST', '/api/v1/admin/accounts/{id}/verify'],
	['POST', '/api/v1/admin/contracts/{id}/stamping/{kind}']
] as const;

/** Bodies: arbitrary JSON, near-miss records (a valid record with one field replaced), raw garbage. */
function bodies(valid: Record<string, unknown>) {
	const nearMiss = fc
		.tuple(fc.constantFrom(...Object.keys(valid)), fc.jsonValue())
		.map(([key, value]) => JSON.stringify({ record: { ...valid, [key]: value }, pdfSha256: 'a'.repeat(64) }));
	return fc.oneof(fc.json(), nearMiss, fc.string(), fc.constant(''), fc.constant('{"record":'), fc.constant('null'));
}

describe('the API never answers 5xx to client input', () => {
	it('holds for random routes, ids, tokens, keys, queries and bodies', async () => {
		const valid = frameworkRecord(env.config) as unknown as Record<string, unknown>;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...ROUTES),
				fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.constant(String(valid.id))),
				fc.constantFrom('received', 'stamped', 'returned', 'x'),
				fc.oneof(
					fc.constant(`Bearer ${token}`),
					fc.constant(`Bearer ${ADMIN_TOKEN}`),
					fc.string({ maxLength: 30 }),
					fc.constant(undefined)
				),
				fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.constant(undefined)),
				fc.oneof(
					fc.constant(''),
					fc.string({ maxLength: 20 }).map((s) => `?since=${encodeURIComponent(s)}`)
				),
				bodies(valid),
				async ([method, template], id, kind, authorization, key, query, body) => {
					const headers: Record<string, string> = { 'content-type': 'application/json' };
					if (authorization !== undefined) headers.authorization = authorization;
					if (key !== undefined) headers['idempotency-key'] = key;
					const path = template.replace('{id}', id).replace('{kind}', kind) + query;
					const res = await env.app.request(path, { method, headers, body: method === 'GET' ? undefined : body });
					expect(res.status, `${method} ${path} ${body.slice(0, 80)}`).toBeLessThan(500);
				}
			),
			{ numRuns: 600 }
		);
	});
});
