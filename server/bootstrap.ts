// Server start-up shared by server/main.ts and the test server process: config (and the data folder's origin) → store (SQLite, or PostgreSQL with DATABASE_URL; open, migrate, seed) → release orphaned claims → app.
import type { Hono } from 'hono';
import type { AppEnv } from './auth/account-session';
import { createApp, type AppDeps } from './app';
import { loadConfig, withKeptOrigin, type Config } from './config';
import type { Interfaces } from './http/public-origin';
import { bundledSchedules } from './calendar/holiday-seed';
import { seedIfEmpty } from './seed';
import { openStore, type Store } from './store/index';
import { SharedThrottle } from './auth/throttle';
import { PUBLIC_VERIFY_LIMIT } from './routes/verify';
import { RenderGate } from './render/render-gate';

export type BootstrapOptions = Pick<
	AppDeps,
	'verifyDocument' | 'renderDocument' | 'renderRegisteredCopy' | 'staticDir' | 'log'
> & {
	env?: NodeJS.ProcessEnv;
	/** The machine's network interfaces (tests); by default os.networkInterfaces(). */
	interfaces?: Interfaces;
};

export type Bootstrapped = {
	config: Config;
	store: Store;
	app: Hono<AppEnv>;
	/** True when this start seeded the demo accounts into an empty database. */
	seeded: boolean;
	/** Idempotency claims a previous (crashed) process left `running`, now released. */
	releasedClaims: number;
};

/**
 * Everything production does before it listens. Tests start the server through this too, so a
 * restart after a crash in the fault-injection test goes through the same recovery as a real one.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<Bootstrapped> {
	// Without PUBLIC_URL, the data folder's origin: chosen once, before any record can carry it.
	const config = withKeptOrigin(loadConfig(options.env), options.interfaces);
	const { store, shared: counters } = await openStore(config);
	let shared: Pick<AppDeps, 'signInThrottle' | 'signInFailureRate' | 'verifyLimiter' | 'renderGate'> = {};
	if (counters) {
		// Every process behind the load balancer counts the same failures, hits and renders.
		shared = {
			signInThrottle: new SharedThrottle(counters.failureLog()),
			signInFailureRate: counters.failureRate(),
			verifyLimiter: counters.rateLimiter({ ...PUBLIC_VERIFY_LIMIT, scope: 'verify' }),
			renderGate: new RenderGate(config.registration, counters.renderLeases())
		};
	}
	// Demo accounts with well-known codes are for trying the app, never a default of a production server.
	const seeded = config.seedDemo ? await seedIfEmpty(store) : false;
	// Years the provider has not published get the bundled package's schedule; published ones are never replaced.
	if (config.seedHolidays) await store.seedHolidayYears(bundledSchedules(), new Date().toISOString());
	// A process that died mid-request left its claims `running`; retries would get 409 forever otherwise.
	// (PostgreSQL: only claims of processes that are gone; the others are still at work.)
	const releasedClaims = await store.releaseRunningClaims();
	const app = createApp({
		store,
		config,
		verifyDocument: options.verifyDocument,
		renderDocument: options.renderDocument,
		renderRegisteredCopy: options.renderRegisteredCopy,
		staticDir: options.staticDir,
		log: options.log,
		...shared
	});
	return { config, store, app, seeded, releasedClaims };
}
