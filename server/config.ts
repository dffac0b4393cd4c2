// Server configuration from the environment: port, data and static folders, admin token, Party B and its public URLs.
import type { BlockList } from 'node:net';
import { resolve } from 'node:path';
import { adminTokenFile, readOrCreateAdminToken } from './auth/admin-token';
import { parseTrustedProxies } from './http/client-address';
import { creditCodeCheckChar } from '../src/lib/domain/creditCode';
import { provider as providerSchema, type Provider } from '../src/lib/domain/provider';
import { keptOrigin, type Interfaces, type KeptOrigin } from './http/public-origin';
import { DEFAULT_SIGN_IN_CEILING, type SignInCeilingOptions } from './auth/sign-in-ceiling';
import { loadSealConfig, type SealConfig } from './seal/config';

export interface Config {
	port: number;
	/** PostgreSQL (DATABASE_URL): many server processes on one database; unset → the SQLite file under dataDir. */
	databaseUrl: string | null;
	/** Connections per process to PostgreSQL (PG_POOL_SIZE). */
	pgPoolSize: number;
	dataDir: string;
	/** Folder of the built PWA (adapter-static output); missing folder → API only. */
	staticDir: string;
	adminToken: string;
	/** Where the admin token came from: ADMIN_TOKEN, or a random one kept in DATA_DIR/admin-token (mode 0600). */
	adminTokenFile: string | null;
	/** Seed the demo accounts into an empty database (development default; production only with SEED_DEMO=1). */
	seedDemo: boolean;
	production: boolean;
	/**
	 * Publish the holiday schedules the server's bundled package knows at start, for years not published yet
	 * (HOLIDAY_SEED, default 1). 0: the back office publishes every year itself (admin API / CLI).
	 */
	seedHolidays: boolean;
	sessionTtlMs: number;
	/** Staff sessions of the back office: over after this long unused (OFFICE_IDLE_MINUTES) or after sign-in (OFFICE_SESSION_HOURS). */
	office: { idleTimeoutMs: number; maxAgeMs: number };
	/** Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty → the socket peer is the client. */
	trustedProxies: BlockList;
	/** Where users reach the app (PUBLIC_URL); https turns on HSTS. Required in production. */
	publicUrl: string | undefined;
	/** The address the server listens on (HOST; all interfaces by default). */
	host: string;
	/**
	 * Where provider.verifyOrigin comes from: PUBLIC_URL; or, without it, the origin kept in DATA_DIR/public-origin
	 * (kept: from an earlier start; detected: chosen on this one); provisional: loadConfig's localhost until
	 * withKeptOrigin settles it (bootstrap does, at every start).
	 */
	origin: { source: 'PUBLIC_URL' | 'provisional' } | KeptOrigin;
	/** Finished idempotency rows older than this are deleted (expired sessions at once), every retentionIntervalMs. */
	retentionMs: number;
	retentionIntervalMs: number;
	provider: Provider;
	registration: RegistrationLimits;
	/** The global ceiling on failed sign-ins (SIGN_IN_FAILURES_PER_MINUTE, SIGN_IN_SLOWDOWN_STEP_MS, SIGN_IN_SLOWDOWN_MAX_MS). */
	signInCeiling: SignInCeilingOptions;
	/** Requests and body bytes in flight per account / client address, decided before a body is read. */
	admission: AdmissionBudgets;
	/** How long a connection may take to send its headers, its whole request, and sit idle between requests. */
	timeouts: ServerTimeouts;
	/** The provider's electronic seal (SEAL_*, TSA_URL): see server/seal/config.ts. */
	seal: SealConfig;
}

/** What one key may have in flight at once, and the body bytes it may send over time. */
export interface AdmissionBudget {
	/** Requests in flight at once. */
	requests: number;
	/** Body bytes in flight at once: declared (Content-Length) or arrived so far (chunked). */
	bytes: number;
	/** Body bytes per minute over time, after a burst of `burstBytes`: what bounds the work one key causes. */
	bytesPerMinute: number;
	burstBytes: number;
}

export interface AdmissionBudgets {
	/** Requests with a valid session: per account, however many devices or sessions it signs in with. */
	account: AdmissionBudget;
	/** Requests without one (sign-in, verify, admin, unknown tokens): per client address (TRUST_PROXY aware). */
	address: AdmissionBudget;
	/** The longest a key that comes back before its Retry-After waits for its next refusal (0: answered at once). */
	holdMs: number;
}

export interface ServerTimeouts {
	/** The request line and headers must arrive within this (else 408 and the connection is closed). */
	headersMs: number;
	/** The whole request, body included, must arrive within this. */
	requestMs: number;
	/** An idle keep-alive connection is closed after this. */
	keepAliveMs: number;
	/** How often Node looks for connections past headersMs/requestMs (Node's default is 30 s). */
	checkIntervalMs: number;
}

export interface RegistrationLimits {
	/** How far a device's clock may run ahead of the server's for a contract's createdAt. */
	clockSkewMs: number;
	/** Re-renders one account may have admitted at once; more → 429 with Retry-After. */
	perAccount: number;
	/** Re-renders admitted in total (running + waiting for a worker); more → 503 with Retry-After. */
	total: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer: ${raw}`);
	return n;
}

export function loadRegistrationLimits(env: NodeJS.ProcessEnv): RegistrationLimits {
	const perAccount = positiveInt(env, 'RENDERS_PER_ACCOUNT', 1);
	return {
		clockSkewMs: positiveInt(env, 'CLOCK_SKEW_SECONDS', 300) * 1000,
		perAccount,
		total: Math.max(perAccount, positiveInt(env, 'RENDER_QUEUE', 16))
	};
}

export function loadSignInCeiling(env: NodeJS.ProcessEnv): SignInCeilingOptions {
	const d = DEFAULT_SIGN_IN_CEILING;
	return {
		perMinute: positiveInt(env, 'SIGN_IN_FAILURES_PER_MINUTE', d.perMinute),
		stepMs: positiveInt(env, 'SIGN_IN_SLOWDOWN_STEP_MS', d.stepMs),
		maxDelayMs: positiveInt(env, 'SIGN_IN_SLOWDOWN_MAX_MS', d.maxDelayMs)
	};
}

/**
 * The defaults let a device's outbox (6 requests at once) and a few devices of one account through untouched, one
 * old-style registration with its PDF (≤ 2 MiB) at a time per account, and a backlog of them at a few hundred KB/s;
 * a client that floods gets 429 before the server reads, let alone parses, what it sends — and, when it comes back
 * before its Retry-After, gets its next 429 only then (ADMISSION_HOLD_SECONDS at most).
 */
export function loadAdmissionBudgets(env: NodeJS.ProcessEnv): AdmissionBudgets {
	const budget = (
		scope: 'ACCOUNT' | 'ADDRESS',
		d: { requests: number; kib: number; perMinute: number; burst: number }
	) => ({
		requests: positiveInt(env, `${scope}_REQUESTS_IN_FLIGHT`, d.requests),
		bytes: positiveInt(env, `${scope}_KIB_IN_FLIGHT`, d.kib) * 1024,
		bytesPerMinute: positiveInt(env, `${scope}_KIB_PER_MINUTE`, d.perMinute) * 1024,
		burstBytes: positiveInt(env, `${scope}_KIB_BURST`, d.burst) * 1024
	});
	return {
		account: budget('ACCOUNT', { requests: 32, kib: 3 * 1024, perMinute: 8 * 1024, burst: 4 * 1024 }),
		address: budget('ADDRESS', { requests: 32, kib: 512, perMinute: 4 * 1024, burst: 1024 }),
		holdMs: nonNegative(env.ADMISSION_HOLD_SECONDS, 10, 'ADMISSION_HOLD_SECONDS') * 1000
	};
}

export function loadServerTimeouts(env: NodeJS.ProcessEnv): ServerTimeouts {
	const seconds = (name: string, fallback: number) => positive(env[name], fallback, name) * 1000;
	const headersMs = seconds('HEADERS_TIMEOUT_SECONDS', 10);
	const requestMs = seconds('REQUEST_TIMEOUT_SECONDS', 60);
	// Node refuses a header timeout longer than the request's: the headers are part of the request.
	if (headersMs > requestMs) throw new Error('HEADERS_TIMEOUT_SECONDS must not be longer than REQUEST_TIMEOUT_SECONDS');
	return {
		headersMs,
		requestMs,
		keepAliveMs: seconds('KEEP_ALIVE_TIMEOUT_SECONDS', 5),
		// A tenth of the header timeout, at most a second: a half-sent request is closed within ~110 % of it.
		checkIntervalMs: Math.max(10, Math.min(1000, Math.floor(headersMs / 10)))
	};
}

/** Completes 17 characters with their GB 32100-2015 check character. */
export function withCheckChar(first17: string): string {
	const check = creditCodeCheckChar(first17);
	if (!check) throw new Error(`not a credit code prefix: ${first17}`);
	return first17 + check;
}

// Fictional provider; the code is computed so that it always passes the shared validator.
export const DEFAULT_PROVIDER: Provider = {
	name: '云栈科技（深圳）有限公司',
	creditCode: withCheckChar('91440300MA5HYUNKJ'),
	registeredAddress: '广东省深圳市南山区粤海街道科技园南区云栈大厦18层',
	mailingAddress: '广东省深圳市南山区科苑南路3099号云栈大厦18层 合同管理部',
	mailingRecipient: '合同管理部 李珺',
	mailingPhone: '0755-86001234',
	mailingPostalCode: '518057',
	verificationUrl: 'https://console.yunzhan.example/account/verification',
	paperInstructions: {
		copies: 2,
		steps: [
			'打印合同全文 2 份，每份页数齐全、顺序正确，不要装订。',
			'在每份合同甲方签署栏加盖甲方公章或合同专用章，并由法定代表人或授权代表签字。',
			'在每份合同各页右侧边缘加盖骑缝章，使每页都留有印章的一部分。',
			'乙方签署栏请留空，不要签字或盖章，由乙方收到后盖章。',
			'把两份合同连同本封面放入信封，剪下下方寄件标签贴在信封上寄出。'
		]
	}
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** PROVIDER_PAPER_INSTRUCTIONS: JSON `{"copies":2,"steps":["…"]}`, checked with the provider's schema afterwards. */
function paperInstructionsOf(value: string | undefined): unknown {
	if (!value?.trim()) return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw new Error('PROVIDER_PAPER_INSTRUCTIONS is not JSON: {"copies":2,"steps":["…"]}');
	}
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);

	const candidate = {
		name: env.PROVIDER_NAME ?? DEFAULT_PROVIDER.name,
		creditCode: env.PROVIDER_CREDIT_CODE ?? DEFAULT_PROVIDER.creditCode,
		registeredAddress: env.PROVIDER_ADDRESS ?? DEFAULT_PROVIDER.registeredAddress,
		mailingAddress: env.PROVIDER_MAILING_ADDRESS ?? DEFAULT_PROVIDER.mailingAddress,
		mailingRecipient: env.PROVIDER_MAILING_RECIPIENT ?? DEFAULT_PROVIDER.mailingRecipient,
		mailingPhone: env.PROVIDER_MAILING_PHONE ?? DEFAULT_PROVIDER.mailingPhone,
		mailingPostalCode: env.PROVIDER_MAILING_POSTAL_CODE ?? DEFAULT_PROVIDER.mailingPostalCode,
		// The one way an account that is not verified yet is shown to verification.
		verificationUrl: env.PROVIDER_VERIFICATION_URL?.trim() || DEFAULT_PROVIDER.verificationUrl,
		// The cover sheet's instructions (copies, where to seal): the provider's, as JSON in PROVIDER_PAPER_INSTRUCTIONS.
		paperInstructions: paperInstructionsOf(env.PROVIDER_PAPER_INSTRUCTIONS) ?? DEFAULT_PROVIDER.paperInstructions,
		// Printed into every contract's QR code (its /verify link) since template 2026.2; a record keeps the
		// origin it was generated with, so changing PUBLIC_URL later does not break older contracts. Without
		// PUBLIC_URL, withKeptOrigin replaces this provisional one with the data folder's.
		verifyOrigin: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '')
	};
	const parsed = providerSchema.safeParse(candidate);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid provider configuration (PROVIDER_* variables): ${problems}`);
	}

	const production = env.NODE_ENV === 'production';
	const dataDir = resolve(env.DATA_DIR || './data');
	// No well-known token anywhere: production must be given one; elsewhere a random one is made once and kept
	// in a 0600 file under DATA_DIR, which the admin CLI reads by itself.
	const configured = env.ADMIN_TOKEN?.trim() ?? '';
	if (production && configured.length < 16) {
		throw new Error('ADMIN_TOKEN must be set (at least 16 characters) when NODE_ENV=production');
	}
	// A production server's QR codes must point where its users reach it; no address guessed on a server is that.
	if (production && !env.PUBLIC_URL?.trim()) {
		throw new Error(
			'PUBLIC_URL must be set when NODE_ENV=production: the origin users reach the app at (e.g. https://contracts.example.cn), printed in every contract’s QR code'
		);
	}
	const adminToken = configured || readOrCreateAdminToken(dataDir);
	const seed = env.SEED_DEMO?.trim();
	if (seed && seed !== '0' && seed !== '1') throw new Error(`SEED_DEMO must be 0 or 1: ${env.SEED_DEMO}`);

	const holidaySeed = env.HOLIDAY_SEED?.trim();
	if (holidaySeed && holidaySeed !== '0' && holidaySeed !== '1')
		throw new Error(`HOLIDAY_SEED must be 0 or 1: ${env.HOLIDAY_SEED}`);

	const ttlDays = env.SESSION_TTL_DAYS ? Number(env.SESSION_TTL_DAYS) : 30;
	if (!(ttlDays > 0)) throw new Error(`SESSION_TTL_DAYS must be positive: ${env.SESSION_TTL_DAYS}`);

	const retentionDays = positive(env.RETENTION_DAYS, 30, 'RETENTION_DAYS');
	const retentionMinutes = positive(env.RETENTION_INTERVAL_MINUTES, 60, 'RETENTION_INTERVAL_MINUTES');

	const databaseUrl = env.DATABASE_URL?.trim() || null;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
		throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');

	return {
		port,
		databaseUrl,
		pgPoolSize: positiveInt(env, 'PG_POOL_SIZE', 10),
		dataDir,
		staticDir: resolve(env.STATIC_DIR || './build'),
		adminToken,
		adminTokenFile: configured ? null : adminTokenFile(dataDir),
		seedDemo: seed ? seed === '1' : !production,
		production,
		seedHolidays: holidaySeed !== '0',
		sessionTtlMs: ttlDays * DAY_MS,
		office: {
			idleTimeoutMs: positiveInt(env, 'OFFICE_IDLE_MINUTES', 30) * 60_000,
			maxAgeMs: positiveInt(env, 'OFFICE_SESSION_HOURS', 12) * 3_600_000
		},
		trustedProxies: parseTrustedProxies(env.TRUST_PROXY),
		publicUrl: publicUrl(env.PUBLIC_URL),
		host: env.HOST?.trim() || '0.0.0.0',
		origin: { source: env.PUBLIC_URL?.trim() ? 'PUBLIC_URL' : 'provisional' },
		retentionMs: retentionDays * DAY_MS,
		retentionIntervalMs: retentionMinutes * 60_000,
		provider: parsed.data,
		registration: loadRegistrationLimits(env),
		signInCeiling: loadSignInCeiling(env),
		admission: loadAdmissionBudgets(env),
		timeouts: loadServerTimeouts(env),
		seal: loadSealConfig(env, { production, dataDir })
	};
}

/**
 * The configuration with its verification origin settled: PUBLIC_URL when set; otherwise the origin kept in the data
 * folder, chosen on its first start (the LAN address a phone can open) and the same on every start after.
 */
export function withKeptOrigin(config: Config, interfaces?: Interfaces): Config {
	if (config.origin.source !== 'provisional') return config;
	const kept = keptOrigin({ dataDir: config.dataDir, host: config.host, port: config.port, interfaces });
	return { ...config, provider: { ...config.provider, verifyOrigin: kept.origin }, origin: kept };
}

function positive(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value.trim() === '') return fallback;
	const n = Number(value);
	if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a positive number: ${value}`);
	return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value.trim() === '') return fallback;
	const n = Number(value);
	if (!(n >= 0) || !Number.isFinite(n)) throw new Error(`${name} must be a number of 0 or more: ${value}`);
	return n;
}

function publicUrl(value: string | undefined): string | undefined {
	if (!value?.trim()) return undefined;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new Error(`PUBLIC_URL is not a URL: ${value}`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must be http(s): ${value}`);
	return url.origin;
}
