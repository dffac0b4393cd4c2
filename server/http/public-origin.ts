// Where QR codes point without PUBLIC_URL: an origin a phone on the same network can open, chosen on the first start and kept in DATA_DIR.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { verifyOrigin } from '../../src/lib/domain/provider';

/** The file under DATA_DIR holding the chosen origin: every registered record carries it, so it must not move. */
export const ORIGIN_FILE = 'public-origin';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Bridges, VPN tunnels and virtual machines' networks: a phone on the Wi-Fi cannot reach them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|wg|tailscale|zt|lxc|cni|flannel|podman)/i;

function privateRank(address: string): number {
	const [a, b] = address.split('.').map(Number) as [number, number];
	if (a === 192 && b === 168) return 0;
	if (a === 10) return 1;
	if (a === 172 && b >= 16 && b <= 31) return 2;
	return 3;
}

/**
 * The IPv4 address a phone on the same network most likely reaches this machine at: not loopback, not link-local
 * (169.254/16, what an interface gets without DHCP), a physical interface before a virtual one, a home or office
 * range (192.168, then 10, then 172.16–31) before any other. Undefined when the machine has none.
 */
export function lanAddress(interfaces: Interfaces = networkInterfaces()): string | undefined {
	const candidates: { address: string; rank: number; order: number }[] = [];
	let order = 0;
	for (const [name, infos] of Object.entries(interfaces)) {
		for (const info of infos ?? []) {
			order++;
			// Node reported the family as the number 4 in 18.0–18.3.
			const v4 = info.family === 'IPv4' || (info.family as unknown) === 4;
			if (!v4 || info.internal || info.address.startsWith('169.254.')) continue;
			candidates.push({
				address: info.address,
				rank: (VIRTUAL.test(name) ? 10 : 0) + privateRank(info.address),
				order
			});
		}
	}
	candidates.sort((x, y) => x.rank - y.rank || x.order - y.order);
	return candidates[0]?.address;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
const WILDCARD = /^(0\.0\.0\.0|::|\[::\])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The host a new origin names: a server listening on loopback only cannot be reached from a phone, so localhost
 * (as the README's URL); one bound to a given IPv4 address, that address; otherwise the LAN address, or
 * localhost when the machine has none.
 */
export function originHost(listenHost: string, interfaces?: Interfaces): string {
	const host = listenHost.trim();
	if (LOOPBACK.test(host)) return 'localhost';
	if (WILDCARD.test(host)) return lanAddress(interfaces) ?? 'localhost';
	if (IPV4.test(host) || verifyOrigin.safeParse(`http://${host}`).success) return host.toLowerCase();
	return lanAddress(interfaces) ?? 'localhost';
}

export type KeptOrigin = {
	origin: string;
	/** kept: read from the file; detected: chosen on this start and written to it. */
	source: 'kept' | 'detected';
	file: string;
	/** Whether a phone on the same network can open it (not localhost). */
	reachable: boolean;
};

/**
 * The origin of this data folder: the one kept in DATA_DIR/public-origin, else the one chosen now from the listening
 * host and port, written there before the first record can carry it. A kept origin whose file was edited into
 * something that is not an origin stops the start rather than being replaced silently.
 */
export function keptOrigin(opts: { dataDir: string; host: string; port: number; interfaces?: Interfaces }): KeptOrigin {
	const file = join(opts.dataDir, ORIGIN_FILE);
	let kept: string | undefined;
	try {
		kept = readFileSync(file, 'utf8').trim();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
	}
	const reachable = (origin: string) => new URL(origin).hostname !== 'localhost';
	if (kept !== undefined) {
		const parsed = verifyOrigin.safeParse(kept);
		if (!parsed.success) {
			throw new Error(`${file} does not hold an http(s) origin (${JSON.stringify(kept)}): fix it, or set PUBLIC_URL`);
		}
		return { origin: parsed.data, source: 'kept', file, reachable: reachable(parsed.data) };
	}
	const origin = verifyOrigin.parse(`http://${originHost(opts.host, opts.interfaces)}:${opts.port}`);
	mkdirSync(opts.dataDir, { recursive: true });
	try {
		writeFileSync(file, `${origin}\n`, { flag: 'wx' });
	} catch (err) {
		// Another process on this folder chose first: its choice is the folder's.
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') return keptOrigin(opts);
		throw err;
	}
	return { origin, source: 'detected', file, reachable: reachable(origin) };
}
