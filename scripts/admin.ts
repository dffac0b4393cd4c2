// Back-office CLI for the admin API: list accounts and contracts, verify accounts, move stamping requests, add staff.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminTokenFile, readAdminToken } from '../server/auth/admin-token';

const USAGE = `Usage: npm run admin -- <command>
  accounts                                        list accounts (id, status, name)
  contracts                                       list registered contracts and their stamping state
  verify <accountId> <identity.json>              mark an account verified with the identity of its real-name check
                                                  ({legalName, creditCode, legalRepresentative, registeredAddress, entityType?})
  received <contractId>                           paper contract received
  stamped <contractId>                            paper contract stamped
  returned <contractId> <courier> <trackingNumber> stamped contract mailed back
  calendar [year]                                 the published holiday schedules (one year in full)
  staff add <login> <role>[,<role>…]               a staff account for the back office (/office); roles: intake, stamping,
                                                  dispatch, verification, calendar, admin. Prints the initial password
                                                  on its last line: the first sign-in replaces it
  staff reset <login>                             a new initial password for a member (their sessions end)
  publish-calendar <year> <schedule.json>         publish (or correct) a year's official holiday schedule, as the
                                                  State Council's notice sets it: {holidays, workdays}, each a list of
                                                  {date, name} or a {"YYYY-MM-DD": name} map; devices get it with their next pull
Environment: BASE_URL (default http://127.0.0.1:8787), ADMIN_TOKEN (default: the token the server keeps in
DATA_DIR/admin-token, DATA_DIR default ./data)`;

const baseUrl = (process.env.BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');

/** ADMIN_TOKEN, or the random token a server started without one wrote for its back office. */
function adminToken(): string {
	const configured = process.env.ADMIN_TOKEN?.trim();
	if (configured) return configured;
	const dataDir = resolve(process.env.DATA_DIR || './data');
	const kept = readAdminToken(dataDir);
	if (kept) return kept;
	console.error(`No admin token: set ADMIN_TOKEN, or start the server once so it writes ${adminTokenFile(dataDir)}`);
	process.exit(2);
}

async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
	const headers: Record<string, string> = { Authorization: `Bearer ${adminToken()}` };
	if (method === 'POST') headers['Idempotency-Key'] = randomUUID();
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${baseUrl}/api/v1/admin${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	let data: unknown = text;
	try {
		data = JSON.parse(text);
	} catch {
		/* not JSON: print as text */
	}
	if (!res.ok) {
		console.error(`${method} ${path} → ${res.status}`);
		console.error(typeof data === 'string' ? data : JSON.stringify(data, null, 2));
		process.exit(1);
	}
	return data;
}

type AccountRow = { id: string; status: string; name: string };
type DueDate = { due: string; provisional: boolean; unpublishedYear?: number };

/** A day list of a schedule file: [{date, name}] as the API takes it, or the {"YYYY-MM-DD": name} map people write. */
function dayList(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		return Object.entries(value as Record<string, unknown>).map(([date, name]) => ({ date, name }));
	}
	return value;
}

function scheduleFile(text: string): { holidays: unknown; workdays: unknown } {
	const parsed = JSON.parse(text) as { holidays?: unknown; workdays?: unknown };
	return { holidays: dayList(parsed.holidays), workdays: dayList(parsed.workdays ?? []) };
}

async function main(argv: string[]): Promise<void> {
	const [command, ...args] = argv;
	const need = (n: number) => {
		if (args.length < n) {
			console.error(USAGE);
			process.exit(2);
		}
	};
	switch (command) {
		case 'accounts': {
			const { accounts } = (await call('GET', '/accounts')) as { accounts: AccountRow[] };
			console.table(accounts);
			return;
		}
		case 'contracts': {
			const { contracts } = (await call('GET', '/contracts')) as { contracts: { returnDue: DueDate | null }[] };
			const due = (d: DueDate | null) =>
				d ? `${d.due}${d.provisional ? ` (provisional: ${d.unpublishedYear} not published)` : ''}` : '';
			console.table(contracts.map((c) => ({ ...c, returnDue: due(c.returnDue) })));
			return;
		}
		case 'verify': {
			need(2);
			const id = args[0]!;
			const details: unknown = JSON.parse(readFileSync(args[1]!, 'utf8'));
			console.log(JSON.stringify(await call('POST', `/accounts/${encodeURIComponent(id)}/verify`, details), null, 2));
			return;
		}
		case 'received':
		case 'stamped': {
			need(1);
			const path = `/contracts/${encodeURIComponent(args[0]!)}/stamping/${command}`;
			console.log(JSON.stringify(await call('POST', path), null, 2));
			return;
		}
		case 'returned': {
			need(3);
			const path = `/contracts/${encodeURIComponent(args[0]!)}/stamping/returned`;
			console.log(JSON.stringify(await call('POST', path, { courier: args[1], trackingNumber: args[2] }), null, 2));
			return;
		}
		case 'staff': {
			const [sub, login, roles] = args;
			if (sub === 'add' && login && roles) {
				const answer = (await call('POST', '/staff', { login, roles: roles.split(',').map((r) => r.trim()) })) as {
					login: string;
					roles: string[];
					initialPassword: string;
				};
				console.log(`staff ${answer.login} (${answer.roles.join(', ')}) created; initial password:`);
				console.log(answer.initialPassword);
				return;
			}
			if (sub === 'reset' && login) {
				const answer = (await call('POST', `/staff/${encodeURIComponent(login)}/password-reset`)) as {
					login: string;
					initialPassword: string;
				};
				console.log(`staff ${answer.login}: sessions ended; new initial password:`);
				console.log(answer.initialPassword);
				return;
			}
			console.error(USAGE);
			return process.exit(2);
		}
		case 'calendar': {
			if (args[0]) {
				console.log(JSON.stringify(await call('GET', `/calendar/${encodeURIComponent(args[0])}`), null, 2));
				return;
			}
			const { years } = (await call('GET', '/calendar')) as { years: unknown[] };
			console.table(years);
			return;
		}
		case 'publish-calendar': {
			need(2);
			const schedule = scheduleFile(readFileSync(args[1]!, 'utf8'));
			const answer = (await call('PUT', `/calendar/${encodeURIComponent(args[0]!)}`, schedule)) as {
				changed: boolean;
				year: { revision: number };
			};
			console.log(
				answer.changed
					? `published ${args[0]} (revision ${answer.year.revision})`
					: `${args[0]} unchanged (already published as given)`
			);
			return;
		}
		default:
			console.error(USAGE);
			process.exit(command ? 2 : 0);
	}
}

main(process.argv.slice(2)).catch((err: unknown) => {
	console.error(err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : err);
	process.exit(1);
});
