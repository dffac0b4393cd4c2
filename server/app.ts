// The HTTP API (/api/v1: session, pull, idempotent writes, admin) and the static PWA, as one Hono app.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { createHash, randomBytes } from 'node:crypto';
import { sessionRequest } from '../src/lib/domain/changes';
import { stampingSubmission } from '../src/lib/domain/stamping';
import { stampingReceipt } from '../src/lib/domain/stampingReceipt';
import { adminRoutes } from './admin';
import { noteRefusal } from './office/refusals';
import { officeRoutes } from './office/routes';
import { calendarSince } from './calendar';
import { parseChangesQuery } from './changes-query';
import type { Config } from './config';
import { apiError, bearerToken, invalid, readBody } from './http';
import { idempotencyKey, missingKey, runIdempotent, type Outcome } from './idempotency';
import { addressKey, clientAddress } from './client-address';
import {
	contractView,
	registerContract,
	registerContractBody,
	type RegistrationDeps,
	type VerifyDocument
} from './registration';
import { RenderGate } from './render-gate';
import { publicVerifyRoutes, registeredCopyHashes, type RenderRegisteredCopy } from './public-verify';
import { securityHeaders } from './security-headers';
import { confirmReceipt } from './stamping-receipt';
import { staticSite } from './static';
import { Throttle, type SignInThrottle } from './throttle';
import type { StampingResult, Store, StoredStamping } from './store';

export { contractView, registerContractBody, RenderUnavailableError, type VerifyDocument } from './registration';

export interface AppDeps {
	store: Store;
	config: Config;
	/** Re-renders the record and compares fingerprints; absent → the check is skipped. */
	verifyDocument?: VerifyDocument;
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
}

/**
 * Free failures per window: an address may be an office behind one NAT, so it gets more than a single code.
 * Three mistypes of a person are always free; attempt 60 from one client is long refused.
 */
export const SIGN_IN_RULES = { address: { free: 10 }, code: { free: 5 } } as const;

export type AppEnv = { Variables: { accountId: string } };

export const LIMITS = { contract: 2 * 1024 * 1024, default: 64 * 1024 } as const;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function stampingView(stamping: StoredStamping) {
	return { contractId: stamping.contractId, ...stamping.submission, submittedAt: stamping.createdAt };
}

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

	app.onError((err, c) => {
		if (err instanceof HTTPException) return err.getResponse();
		log(`[server] ${c.req.method} ${c.req.path} failed`, err);
		return apiError(c, 500, 'internal', { message: 'Internal server error' });
	});

	app.use('*', securityHeaders({ publicUrl: config.publicUrl }));
	app.use('*', compress());
	app.use('/api/*', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-store');
		c.header('X-Content-Type-Options', 'nosniff');
	});

	// A contract with its PDF may be large; nothing else needs more than a few kilobytes.
	const tooLarge = (c: Context) => apiError(c, 413, 'tooLarge', { message: 'Request body too large' });
	const bigLimit = bodyLimit({ maxSize: LIMITS.contract, onError: tooLarge });
	const smallLimit = bodyLimit({ maxSize: LIMITS.default, onError: tooLarge });
	app.use('/api/*', (c, next) =>
		c.req.method === 'PUT' && /^\/api\/v1\/contracts\/[^/]+$/.test(c.req.path) ? bigLimit(c, next) : smallLimit(c, next)
	);

	const api = new Hono<AppEnv>();

	api.get('/health', (c) => c.json({ ok: true }));

	const throttle = deps.signInThrottle ?? new Throttle({}, now);
	const tooMany = (c: Context, retryAfterMs: number) => {
		const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
		c.header('Retry-After', String(seconds));
		return apiError(c, 429, 'tooManyAttempts', {
			message: 'Too many wrong access codes; try again later',
			retryAfter: seconds
		});
	};

	api.post('/session', async (c) => {
		const byAddress = {
			key: `address:${addressKey(clientAddress(c, config.trustedProxies))}`,
			rule: SIGN_IN_RULES.address
		};
		// Refused before the body is even read: a blocked client costs no hashing.
		const early = await throttle.check([byAddress]);
		if (!early.allowed) return tooMany(c, early.retryAfterMs);
		const body = await readBody(c, sessionRequest);
		if (!body.ok) return body.response;
		const byCode = {
			key: `code:${createHash('sha256').update(body.value.code).digest('base64url')}`,
			rule: SIGN_IN_RULES.code
		};
		const decision = await throttle.check([byAddress, byCode]);
		if (!decision.allowed) return tooMany(c, decision.retryAfterMs);
		const account = await store.findAccountByCode(body.value.code);
		if (!account) {
			await throttle.fail([byAddress, byCode]);
			return apiError(c, 401, 'badCode', { message: 'Unknown access code' });
		}
		const token = randomBytes(32).toString('base64url');
		const created = now();
		await store.createSession(
			hashToken(token),
			account.id,
			new Date(created).toISOString(),
			new Date(created + config.sessionTtlMs).toISOString()
		);
		return c.json({ token, accountId: account.id });
	});

	api.route('/admin', adminRoutes({ store, now, log, adminToken: config.adminToken }));
	api.route('/office', officeRoutes({ store, config, throttle, now, log }));
	api.route(
		'/verify',
		publicVerifyRoutes({
			lookup: (number) => store.contractsByNumber(number),
			registeredCopyHash: deps.renderRegisteredCopy
				? registeredCopyHashes({ store, render: deps.renderRegisteredCopy, now })
				: undefined,
			now,
			log,
			clientAddress: (c) => addressKey(clientAddress(c, config.trustedProxies))
		})
	);

	// Attached per route, so an unknown path is a 404 even without a token.
	const requireAccount: MiddlewareHandler<AppEnv> = async (c, next) => {
		const token = bearerToken(c);
		const session = token ? await store.getSession(hashToken(token), iso()) : undefined;
		if (!session) {
			c.header('WWW-Authenticate', 'Bearer');
			return apiError(c, 401, 'unauthorized', { message: 'Missing, unknown or expired token' });
		}
		c.set('accountId', session.accountId);
		await next();
	};

	api.delete('/session', requireAccount, async (c) => {
		await store.deleteSession(hashToken(bearerToken(c)!));
		return c.body(null, 204);
	});

	api.get('/changes', requireAccount, async (c) => {
		const q = (name: string) => c.req.query(name);
		const query = parseChangesQuery({
			since: q('since'),
			page: q('page'),
			limit: q('limit'),
			calendarSince: q('calendarSince')
		});
		if (!query.ok) return invalid(c, query.fields, 'Unknown cursor, page or limit');
		const result = await store.changesPage(c.get('accountId'), query.value);
		if (result.kind === 'noAccount') return apiError(c, 401, 'unauthorized');
		if (result.kind === 'badPage') return invalid(c, { page: ['page'] }, 'Unknown page: start the pull again');
		// The calendar is the provider's, not the account's: it rides on a pull's first page, past the device's revision.
		const holidayYears = query.value.page === undefined ? await calendarSince(store, query.calendar.calendarSince) : [];
		return c.json({ ...result.page, provider: config.provider, holidayYears });
	});

	api.get('/contracts/:id', requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		if (!contract || contract.accountId !== c.get('accountId')) return notFound(c);
		return c.json({ contract: { ...contractView(contract), record: contract.record, hasPdf: contract.hasPdf } });
	});

	api.get('/contracts/:id/pdf', requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		if (!contract || contract.accountId !== c.get('accountId')) return notFound(c);
		const pdf = await store.getContractPdf(contract.id);
		if (!pdf) return notFound(c);
		return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			ETag: `"${contract.pdfSha256}"`
		});
	});

	api.put('/contracts/:id', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, registerContractBody);
		if (!body.ok) return body.response;
		if (body.value.record.id !== c.req.param('id')) {
			return invalid(c, { 'record.id': ['idMismatch'] }, 'record.id must equal the URL id');
		}
		const accountId = c.get('accountId');
		return runIdempotent(c, store, { scope: accountId, key, body: body.value, now: now() }, async (idem) => {
			const result = await registerContract(registration, { accountId, body: body.value }, idem);
			await noteRefusal(store, { accountId, record: body.value.record, outcome: result, now: now() }, log);
			if (result.retryAfterS !== undefined) c.header('Retry-After', String(result.retryAfterS));
			return result;
		});
	});

	api.put('/contracts/:id/stamping', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, stampingSubmission);
		if (!body.ok) return body.response;
		const accountId = c.get('accountId');
		const contractId = c.req.param('id');
		return runIdempotent(c, store, { scope: accountId, key, body: body.value, now: now() }, async (idem) => {
			const respond = (result: StampingResult) => stampingResponse(result);
			const result = await store.submitStamping(
				{ accountId, contractId, submission: body.value, now: iso() },
				idem.commit(respond)
			);
			return { ...respond(result), committed: true };
		});
	});

	api.put('/contracts/:id/stamping/receipt', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, stampingReceipt);
		if (!body.ok) return body.response;
		const accountId = c.get('accountId');
		const contractId = c.req.param('id');
		return runIdempotent(c, store, { scope: accountId, key, body: body.value, now: now() }, (idem) =>
			confirmReceipt(store, { accountId, contractId, body: body.value, now: iso() }, idem)
		);
	});

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

function notFound(c: Context): Response {
	return apiError(c, 404, 'notFound', { message: 'Not found' });
}

function outcome(status: number, body: unknown): Outcome {
	return { status, body };
}

function stampingResponse(result: StampingResult): Outcome {
	switch (result.kind) {
		case 'created':
			return outcome(201, { stamping: stampingView(result.stamping) });
		case 'same':
		case 'updated':
			return outcome(200, { stamping: stampingView(result.stamping) });
		case 'conflict':
			return outcome(409, {
				error: 'conflict',
				message: 'The return address was already submitted and cannot be changed',
				stored: stampingView(result.stamping)
			});
		case 'notFound':
			return outcome(404, { error: 'notFound', message: 'Not found' });
	}
}
