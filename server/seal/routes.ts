// The seal's HTTP routes: an account's sealed copy of its own contract, and the provider's public seal certificate (for /verify, which needs no account).
import { Hono, type MiddlewareHandler } from 'hono';
import { existsSync } from 'node:fs';
import type { AppEnv } from '../app';
import { apiError } from '../http';
import type { Store } from '../store';
import type { SealConfig } from './config';
import { readChain } from './keys';
import { readP12 } from './p12';

/** The chain's DER as base64, seal certificate first, or undefined while there is none (seal off, not made yet). */
export async function publicChain(config: SealConfig): Promise<string[] | undefined> {
	if (config.mode === 'off') return undefined;
	if (config.mode === 'p12')
		return (await readP12(config.p12!.file, config.p12!.password)).chain.map((d) => Buffer.from(d).toString('base64'));
	if (!existsSync(config.certFile)) return undefined;
	return readChain(config.certFile).map((d) => Buffer.from(d).toString('base64'));
}

export function sealRoutes(deps: {
	store: Store;
	seal: SealConfig;
	requireAccount: MiddlewareHandler<AppEnv>;
}): Hono<AppEnv> {
	const { store } = deps;
	const routes = new Hono<AppEnv>();
	let chain: Promise<string[] | undefined> | undefined;

	routes.get('/contracts/:id/sealed', deps.requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		const copy =
			contract && contract.accountId === c.get('accountId') ? await store.getSealedCopy(contract.id) : undefined;
		if (!copy) return apiError(c, 404, 'notFound', { message: 'Not found' });
		return c.body(copy.pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			ETag: `"${copy.pdfSha256}"`
		});
	});

	routes.get('/seal/certificate', async (c) => {
		chain ??= publicChain(deps.seal);
		const certificates = await chain;
		if (!certificates) {
			chain = undefined;
			return apiError(c, 404, 'notFound', { message: 'This server has no electronic seal' });
		}
		c.header('Cache-Control', 'public, max-age=3600');
		return c.json({ certificates, test: deps.seal.mode === 'test' });
	});
	return routes;
}
