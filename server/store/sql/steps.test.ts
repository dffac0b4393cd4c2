// The machinery of the operations written once: placeholders numbered for PostgreSQL, statements driven in order with their outcomes, a statement's error thrown into the operation, the pending migration steps.
import { describe, expect, it } from 'vitest';
import { pendingVersions } from './migrate';
import { drive, driveAsync, get, numbered, run, type Statement, type Steps } from './steps';

function* transfer(): Steps<string> {
	const row = yield* get(`SELECT balance FROM accounts WHERE id = ?`, 'a');
	try {
		yield* run(`UPDATE accounts SET balance = ? WHERE id = ?`, Number(row!.balance) - 1, 'a');
	} catch (err) {
		return `refused: ${(err as Error).message}`;
	}
	return 'done';
}

describe('operations as statements', () => {
	it('numbers the placeholders in order', () => {
		expect(numbered(`SELECT * FROM t WHERE a = ? AND (b, c) > (?, ?) LIMIT ?`)).toBe(
			`SELECT * FROM t WHERE a = $1 AND (b, c) > ($2, $3) LIMIT $4`
		);
		expect(numbered(`SELECT 1`)).toBe(`SELECT 1`);
	});

	it('runs the statements in order, each given the outcome of the one before (at once and awaited alike)', async () => {
		const seen: Statement[] = [];
		const exec = (s: Statement) => {
			seen.push(s);
			return s.sql.startsWith('SELECT') ? { rows: [{ balance: 5 }], changes: 0 } : { rows: [], changes: 1 };
		};
		expect(drive(transfer(), exec)).toBe('done');
		expect(seen.map((s) => s.args)).toEqual([['a'], [4, 'a']]);
		seen.length = 0;
		expect(await driveAsync(transfer(), async (s) => exec(s))).toBe('done');
		expect(seen.map((s) => s.args)).toEqual([['a'], [4, 'a']]);
	});

	it("throws a statement's error into the operation, which may answer it; one it leaves alone reaches the caller", async () => {
		const failing = (s: Statement) => {
			if (s.sql.startsWith('UPDATE')) throw new Error('constraint');
			return { rows: [{ balance: 5 }], changes: 0 };
		};
		expect(drive(transfer(), failing)).toBe('refused: constraint');
		expect(await driveAsync(transfer(), async (s) => failing(s))).toBe('refused: constraint');
		const broken = () => {
			throw new Error('gone');
		};
		expect(() => drive(transfer(), broken)).toThrow('gone');
		await expect(driveAsync(transfer(), async () => broken())).rejects.toThrow('gone');
	});

	it('migrations: the steps a database still needs, and a schema newer than the server refused', () => {
		const steps = ['a', 'b', 'c'];
		expect(pendingVersions(0, steps)).toEqual([0, 1, 2]);
		expect(pendingVersions(2, steps)).toEqual([2]);
		expect(pendingVersions(3, steps)).toEqual([]);
		expect(() => pendingVersions(4, steps)).toThrow('database schema 4 is newer than this server (3)');
	});
});
