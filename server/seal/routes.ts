// The seal's HTTP routes: an account's sealed copy of its own contract, and the provider's public seal certificate (for /verify, which needs no account).
import { Hono, type MiddlewareHandler } from 'hono';
import { existsSync } from 'node:fs';
import type { AppEnv } from '../auth/account-session';
import { apiError } from '../http/http';
import type { Store } from '../store/index';
import type { SealConfig } from './config';
import type { SealSigner } from './cms';
import { loadSigner, readChain } from './keys';
import { inSealWorker } from './seal-thread';
import { readP12 } from './p12';
import { bytesToBase64 } from '../../src/lib/bytes/base64';

/** The chain's DER as base64, seal certificate first, or undefined while there is none (seal off, not made yet). */
export async function publicChain(config: SealConfig): Promise<string[] | undefined> {
	if (config.mode === 'off') return undefined;
	if (config.mode === 'p12')
		return (await readP12(config.p12!.file, config.p12!.password)).chain.map((d) => bytesToBase64(d));
	if (!existsSync(config.certFile)) return undefined;
	return readChain(config.certFile).map((d) => bytesToBase64(d));
}

export function sealRoutes(deps: {
	store: Store;
	seal: SealConfig;
	providerName: string;
	now: () => number;
	requireAccount: MiddlewareHandler<AppEnv>;
}): Hono<AppEnv> {
	const { store } = deps;
	const routes = new Hono<AppEnv>();
	let chain: Promise<string[] | undefined> | undefined;
	let signer: Promise<SealSigner> | undefined;
	const seal = deps.seal;

	/** The evidence report, sealed like the contract (invisible: it has no seal area); unsealed with SEAL=off. */
	routes.get('/contracts/:id/evidence', deps.requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		if (!contract || contract.accountId !== c.get('accountId')) {
			return apiError(c, 404, 'notFound', { message: 'Not found' });
		}
		const record = contract.record;
		const [numbered, sealed, events] = await Promise.all([
			store.contractsByNumber(record.number),
			store.getSealedCopy(contract.id),
			store.listStampingEvents(contract.id)
		]);
		const stored = numbered.find((n) => n.id === contract.id);
		const now = new Date(deps.now());
		const origin = record.partyB.verifyOrigin;
		if (seal.mode !== 'off') signer ??= loadSigner(seal.mode === 'p12' ? { p12: seal.p12! } : seal);
		const input = {
			record,
			accountId: contract.accountId,
			registeredAt: contract.registeredAt,
			contentHash: stored?.contentHash ?? '',
			pdfSha256: contract.pdfSha256,
			registeredCopySha256: stored?.registeredCopySha256 ?? null,
			sealed: sealed ? { sha256: sealed.pdfSha256, sealedAt: sealed.sealedAt } : null,
			events,
			verifyUrl: origin && stored ? `${origin}/verify/${record.number}#${stored.contentHash}` : null,
			generatedAt: now.toISOString(),
			providerName: deps.providerName
		};
		// Written and sealed in the seal worker: tens of milliseconds of CPU the other requests do not wait for.
		const { pdf } = await inSealWorker({
			kind: 'evidence',
			input,
			seal:
				seal.mode === 'off' || !signer
					? null
					: {
							signer: await signer,
							name: deps.providerName,
							test: seal.mode === 'test',
							signingTime: now.toISOString(),
							tsaUrl: seal.tsaUrl,
							invisible: true
						}
		});
		return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="${record.number}-evidence.pdf"`,
			'Cache-Control': 'no-store'
		});
	});

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
