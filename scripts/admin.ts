// Back-office CLI for the admin API: list accounts and contracts, verify accounts, move stamping requests.
import { randomUUID } from 'node:crypto';

const USAGE = `Usage: npm run admin -- <command>
  accounts                                        list accounts (id, code, status, name)
  contracts                                       list registered contracts and their stamping state
  verify <accountId|code> [details.json]          mark an account verified (default demo identity)
  received <contractId>                           paper contract received
  stamped <contractId>                            paper contract stamped
  returned <contractId> <courier> <trackingNumber> stamped contract mailed back
Environment: BASE_URL (default http://127.0.0.1:8787), ADMIN_TOKEN (default admin-dev-token)`;

const baseUrl = (process.env.BASE_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
const token = process.env.ADMIN_TOKEN || 'admin-dev-token';

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
	const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
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

type AccountRow = { id: string; code: string; status: string; name: string };

async function resolveAccount(idOrCode: string): Promise<string> {
	const { accounts } = (await call('GET', '/accounts')) as { accounts: AccountRow[] };
	const found = accounts.find((a) => a.id === idOrCode) ?? accounts.find((a) => a.code === idOrCode);
	if (!found) {
		console.error(`No account with id or code "${idOrCode}"`);
		process.exit(1);
	}
	return found.id;
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
			const { contracts } = (await call('GET', '/contracts')) as { contracts: unknown[] };
			console.table(contracts);
			return;
		}
		case 'verify': {
			need(1);
			const id = await resolveAccount(args[0]!);
			let details: unknown;
			if (args[1]) {
				const { readFileSync } = await import('node:fs');
				details = JSON.parse(readFileSync(args[1], 'utf8'));
			}
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
		default:
			console.error(USAGE);
			process.exit(command ? 2 : 0);
	}
}

main(process.argv.slice(2)).catch((err: unknown) => {
	console.error(err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : err);
	process.exit(1);
});
