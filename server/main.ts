// Entry point: bootstrap (config, store, app), serve API + PWA, say where it is reachable, shut down cleanly.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { bootstrap } from './bootstrap';
import type { Config } from './config';
import { startRetention } from './retention';
import { sealBanner } from './seal/config';
import { startSealing } from './seal/sealer';
import { DEMO_CODES } from './seed';
import {
	renderDocument,
	renderRegisteredCopy,
	startRenderPool,
	stopRenderPool,
	verifyDocument
} from './render/verify-document';
import { httpServerOptions } from './http/server-options';

/** The database URL without its password: logs are read by more people than the database's owner. */
function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'postgres://…';
	}
}

/** Where the QR codes point, why, and whether a phone can open it: printed at every start. */
function originBanner(config: Config, listeningPort: number): string[] {
	const origin = config.provider.verifyOrigin ?? '';
	const { origin: source } = config;
	if (!('file' in source)) {
		return [`  public URL:  ${origin} (PUBLIC_URL; printed in every contract's QR code)`];
	}
	const how = source.source === 'detected' ? 'chosen on this first start' : 'chosen on the first start';
	const lines = [
		`  public URL:  ${origin} (no PUBLIC_URL: ${how}, kept in ${source.file}; printed in every contract's QR code)`
	];
	if (source.reachable)
		lines.push(`               open it on a phone on the same network to sign in and to scan printed contracts`);
	else
		lines.push(
			`               a phone cannot open localhost: listen on all interfaces (unset HOST) with a new DATA_DIR, or set PUBLIC_URL`
		);
	const port = Number(new URL(origin).port || 80);
	if (config.port !== 0 && port !== listeningPort)
		lines.push(
			`  warning:     this server listens on port ${listeningPort}, but the kept origin names port ${port}: QR codes will not open. Start on port ${port}, or set PUBLIC_URL`
		);
	return lines;
}

async function main(): Promise<void> {
	// First: a bad RENDER_WORKERS stops the start, and the workers load the fonts while the store opens.
	const renderWorkers = startRenderPool();
	const { config, store, app, seeded, releasedClaims } = await bootstrap({
		verifyDocument,
		renderDocument,
		renderRegisteredCopy
	});
	if (releasedClaims)
		console.log(`released ${releasedClaims} idempotency claim(s) left running by the previous process`);
	const stopRetention = startRetention({
		store,
		retentionMs: config.retentionMs,
		intervalMs: config.retentionIntervalMs,
		log: (message, err) => (err ? console.error(message, err) : console.log(message))
	});
	// Registered contracts get the provider's sealed copy off the request path (and those missed while stopped).
	const sealer = await startSealing(config.seal, { store, providerName: config.provider.name, log: console.error });

	// Connection timeouts: a half-sent request or a trickled body does not hold a socket past them.
	const serverOptions = httpServerOptions(config.timeouts);
	const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info) => {
		const url = `http://127.0.0.1:${info.port}`;
		console.log(`Contract Desk server on ${url}`);
		for (const line of originBanner(config, info.port)) console.log(line);
		const where = config.databaseUrl
			? `PostgreSQL ${redactUrl(config.databaseUrl)} (pool ${config.pgPoolSize})`
			: config.dataDir;
		console.log(`  data:        ${where}${seeded ? ' (seeded demo data)' : ''}`);
		console.log(
			`  app:         ${existsSync(config.staticDir) ? config.staticDir : `${config.staticDir} missing — API only (run npm run build)`}`
		);
		if (config.seedDemo) {
			console.log(
				`  access codes: ${DEMO_CODES.verified} (verified enterprise), ${DEMO_CODES.unverified} (not verified)`
			);
		}
		// The token itself is never printed: logs are read by more people than the back office.
		console.log(
			`  admin token: ${config.adminTokenFile ? `in ${config.adminTokenFile} (random, mode 0600; npm run admin reads it)` : 'from ADMIN_TOKEN'}`
		);
		console.log(`  seal:        ${sealBanner(config.seal)}`);
		console.log(
			`  fingerprint check: on (registration re-renders every contract, ${renderWorkers} render worker thread(s))`
		);
	});

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: shutting down`);
		stopRetention();
		void sealer?.stop();
		// Stop accepting, let in-flight requests (and their renders) finish, stop the render workers, then close
		// the database so the WAL is checkpointed.
		server.close(() => {
			void stopRenderPool()
				.then(() => store.close())
				.then(() => process.exit(0));
		});
		setTimeout(() => {
			void stopRenderPool()
				.finally(() => store.close())
				.finally(() => process.exit(0));
		}, 5_000).unref();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
