// GET /api/v1/changes: a signed-in device's pull, page by page; its first page also carries the provider's details and calendar.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../auth/account-session';
import { calendarSince } from '../calendar/calendar';
import { parseChangesQuery } from './changes-query';
import type { Config } from '../config';
import { apiError, invalid } from '../http/http';
import type { Store } from '../store/index';

export interface ChangesDeps {
	store: Store;
	config: Pick<Config, 'provider'>;
	requireAccount: MiddlewareHandler<AppEnv>;
}

export function changesRoutes(deps: ChangesDeps): Hono<AppEnv> {
	const { store, config } = deps;
	const routes = new Hono<AppEnv>();

	routes.get('/', deps.requireAccount, async (c) => {
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

	return routes;
}
