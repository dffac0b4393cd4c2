// A refused row's two versions side by side: the fields where this device and the provider disagree.
import { canonicalJson } from '../../domain/canonical';

/** Leaves of a JSON value by dotted path ('record.partyA.name', 'record.orders.0.id'). */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
	if (value !== null && typeof value === 'object') {
		const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
		if (entries.length === 0) out.set(prefix, canonicalJson(value));
		for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	} else if (value !== undefined) out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
	return out;
}

export type VersionDiff = { rows: { path: string; local: string | null; server: string | null }[]; same: number };

/** The fields where this device and the provider disagree (only paths both sides could hold). */
export function diffVersions(local: unknown, server: unknown): VersionDiff {
	const a = flatten(local);
	const b = flatten(server);
	const rows: VersionDiff['rows'] = [];
	let same = 0;
	for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
		const l = a.get(path) ?? null;
		const s = b.get(path) ?? null;
		// The server adds bookkeeping (status, registeredAt, submittedAt…) the device never sends: not a difference.
		if (l === null) continue;
		if (l === s) same++;
		else rows.push({ path, local: l, server: s });
	}
	return { rows, same };
}
