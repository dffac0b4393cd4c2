// The client's address for throttling: the socket peer, or — only when that peer is a configured trusted proxy — the address it forwarded.
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';

/** Parses TRUST_PROXY: comma-separated addresses or CIDR ranges (IPv4 or IPv6) of the reverse proxies in front of us. */
export function parseTrustedProxies(value: string | undefined): BlockList {
	const list = new BlockList();
	for (const raw of (value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)) {
		const [address, bits] = raw.split('/');
		const family = isIP(address ?? '');
		if (!family) throw new Error(`TRUST_PROXY: not an IP address or range: ${raw}`);
		const type = family === 6 ? 'ipv6' : 'ipv4';
		if (bits === undefined) list.addAddress(address!, type);
		else {
			const prefix = Number(bits);
			if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
				throw new Error(`TRUST_PROXY: bad prefix length: ${raw}`);
			}
			list.addSubnet(address!, prefix, type);
		}
	}
	return list;
}

function normalize(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
	const family = isIP(address);
	return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The socket peer's address, as @hono/node-server hands the Node request to the app. */
export function peerAddress(c: Context): string | undefined {
	const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
	const address = incoming?.socket?.remoteAddress;
	return address ? normalize(address) : undefined;
}

/**
 * X-Forwarded-For is read right to left and only while the hop that added it is trusted: anything a client
 * writes into the header itself sits further left and is never reached.
 */
export function clientAddress(c: Context, proxies: BlockList): string {
	let address = peerAddress(c) ?? 'unknown';
	if (!trusted(proxies, address)) return address;
	const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((s) => normalize(s.trim()));
	for (let i = hops.length - 1; i >= 0; i--) {
		const hop = hops[i]!;
		if (!isIP(hop)) break;
		address = hop;
		if (!trusted(proxies, hop)) break;
	}
	return address;
}

/** The throttling key of an address: IPv6 users get a whole /64, so rotating the interface id does not help. */
export function addressKey(address: string): string {
	if (isIP(address) !== 6) return address;
	const [head = '', tail = ''] = address.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
