// The HTTP API (/api/v1) and the static PWA as one Hono app: the middleware every request passes, then each group of routes (server/routes/, office/, seal/) mounted in its place.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { setTimeout as timer } from 'node:timers/promises';
import { hashToken, requireAccount, type AppEnv } from './auth/account-session';
import { admission } from './http/admission';
import { addressKey, clientAddress } from './http/client-address';
import type { Config } from './config';
import type { RenderDocument } from './render/contract-document';
import { apiError, bearerToken, notFound } from './http/http';
import { officeRoutes } from './office/routes';
import { registeredCopyHashes, type RenderRegisteredCopy } from './render/registered-copy';
import type { RegistrationDeps, VerifyDocument } from './registry/registration';
import { RenderGate } from './render/render-gate';
import { adminRoutes } from './routes/admin';
import { changesRoutes } from './routes/changes';
import { contractsRoutes } from './routes/contracts';
import { sessionRoutes } from './routes/session';
import { stampingRoutes } from './routes/stamping';
import { publicVerifyRoutes } from './routes/verify';
import { sealRoutes } from './seal/routes';
import { compressLarge } from './http/compress';
import { securityHeaders } from './http/security-headers';
import type { FailureRate } from './auth/sign-in-ceiling';
import type { RateLimiter } from './auth/sliding-window';
import { staticSite } from './http/static';
import type { Store } from './store/index';
import { Throttle, type SignInThrottle } from './auth/throttle';

export interface AppDeps {
	store: Store;
	config: Config;
	/** Re-renders the record and compares fingerprints; absent → the check is skipped. */
	verifyDocument?: VerifyDocument;
	/** Renders a contract registered earlier without a document, on its first /pdf; absent → 404 for those. */
	renderDocument?: RenderDocument;
	/** Renders a registered copy for public verification of that file; absent → files match the original only. */
	renderRegisteredCopy?: RenderRegisteredCopy;
	/** Admission to re-rendering; defaults to one built from config.registration. */
	renderGate?: RenderGate;
	/** Static root override (tests); defaults to config.staticDir, null disables static serving. */
	staticDir?: string | null;
	now?: () => number;
	log?: (message: string, err?: unknown) => void;
	/** Sign-in throttle (tests share or inspect one); by default one per app on the app's clock. */
	signInThrottle?: SignInThrottle;
	/** Failed sign-ins for the global ceiling (PostgreSQL: every process's); by default this process's. */
	signInFailureRate?: FailureRate;
	/** How a slowed answer waits (tests record it); by default a timer. */
	sleep?: (ms: number) => Promise<void>;
	/** The public verify limiter (PostgreSQL: shared by every process); by default one in memory. */
	verifyLimiter?: RateLimiter;
}

export const LIMITS = { contract: 2 * 1024 * 1024, default: 64 * 1024 } as const;

export function createApp(deps: AppDeps): Hono<AppEnv> {
	const { store, config } = deps;
	const now = deps.now ?? Date.now;
	const iso = () => new Date(now()).toISOString();
	const log = deps.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
	const app = new Hono<AppEnv>();
	const registration: RegistrationDeps = {
		store,
		config,
		verifyDocument: deps.verifyDocument,
		gate: deps.renderGate ?? new RenderGate(config.registration),
		now,
		log
	};
	const documents = { store, renderDocument: deps.renderDocument, gate: registration.gate, log };
	const signedIn = requireAccount(store, now);
	// One throttle for customers and staff: each counts its failures under its own keys.
	const throttle = deps.signInThrottle ?? new Throttle({}, now);

	app.onError((err, c) => {
		if (err instanceof HTTPException) return err.getResponse();
		log(`[server] ${c.req.method} ${c.req.path} failed`, err);
		return apiError(c, 500, 'internal', { message: 'Internal server error' });
	});

	app.use('*', securityHeaders({ publicUrl: config.publicUrl }));
	// Answers under 1 KiB go as they are: a zlib stream per small JSON answer cost more than it saved.
	app.use('*', ...compressLarge());
	app.use('/api/*', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-store');
		c.header('X-Content-Type-Options', 'nosniff');
	});

	// Admission before work: the body's size against its route's limit, then its account's (or, without a session,
	// its address's) budget of requests and bytes in flight; only then may a handler read the body. A contract with
	// its PDF may be large (devices of older versions still send it); nothing else needs more than a few kilobytes.
	app.use(
		'/api/*',
		admission({
			budgets: config.admission,
			limitFor: (c) =>
				c.req.method === 'PUT' && /^\/api\/v1\/contracts\/[^/]+$/.test(c.req.path) ? LIMITS.contract : LIMITS.default,
			keyFor: async (c) => {
				const token = bearerToken(c);
				const session = token ? await store.getSession(hashToken(token), iso()) : undefined;
				if (session) return { scope: 'account', id: session.accountId };
				return { scope: 'address', id: addressKey(clientAddress(c, config.trustedProxies)) };
			},
			tooLarge: (c) => apiError(c, 413, 'tooLarge', { message: 'Request body too large' }),
			busy: (c, retryAfterS) => {
				c.header('Retry-After', String(retryAfterS));
				return apiError(c, 429, 'tooManyRequests', {
					message: 'Too many requests in flight; retry later',
					retryAfter: retryAfterS
				});
			}
		})
	);

	const api = new Hono<AppEnv>();
	api.get('/health', (c) => c.json({ ok: true }));
	api.route(
		'/session',
		sessionRoutes({
			store,
			config,
			throttle,
			failureRate: deps.signInFailureRate,
			sleep: deps.sleep ?? ((ms: number) => timer(ms)),
			requireAccount: signedIn,
			now,
			log
		})
	);
	api.route('/admin', adminRoutes({ store, now, log, adminToken: config.adminToken }));
	api.route('/office', officeRoutes({ store, config, throttle, now, log }));
	api.route(
		'/verify',
		publicVerifyRoutes({
			lookup: (number) => store.contractsByNumber(number),
			registeredCopyHash: deps.renderRegisteredCopy
				? registeredCopyHashes({ store, render: deps.renderRegisteredCopy, now })
				: undefined,
			limiter: deps.verifyLimiter,
			now,
			log,
			clientAddress: (c) => addressKey(clientAddress(c, config.trustedProxies))
		})
	);
	api.route('/changes', changesRoutes({ store, config, requireAccount: signedIn }));
	api.route('/contracts', contractsRoutes({ registration, documents, requireAccount: signedIn }));
	api.route('/contracts', stampingRoutes({ store, requireAccount: signedIn, now }));
	api.route(
		'/',
		sealRoutes({ store, seal: config.seal, providerName: config.provider.name, now, requireAccount: signedIn })
	);

	app.route('/api/v1', api);
	app.all('/api/*', (c) => notFound(c));

	const root = deps.staticDir === undefined ? config.staticDir : deps.staticDir;
	const site = root ? staticSite(root) : null;
	if (site) app.use('*', site);

	app.notFound((c) =>
		c.req.path.startsWith('/api/') ? notFound(c) : c.text('Not found', 404, { 'Cache-Control': 'no-cache' })
	);
	return app;
}
