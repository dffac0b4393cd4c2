// The verification origin without PUBLIC_URL: the LAN address, chosen once and kept across starts; production refuses to guess.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap';
import { loadConfig } from '../config';
import { keptOrigin, lanAddress, ORIGIN_FILE, originHost, type Interfaces } from './public-origin';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'contract-desk-origin-'));
	dirs.push(dir);
	return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
	address,
	netmask: '255.255.255.0',
	family: 'IPv4',
	mac: '00:00:00:00:00:00',
	internal,
	cidr: `${address}/24`
});
const v6 = (address: string): NetworkInterfaceInfo => ({
	address,
	netmask: 'ffff:ffff:ffff:ffff::',
	family: 'IPv6',
	mac: '00:00:00:00:00:00',
	internal: false,
	cidr: `${address}/64`,
	scopeid: 0
});

const LAPTOP: Interfaces = {
	lo: [v4('127.0.0.1', true)],
	docker0: [v4('172.17.0.1')],
	eth0: [v4('169.254.12.7'), v6('fe80::1')],
	wlan0: [v6('fe80::2'), v4('192.168.1.23')]
};

describe('lanAddress', () => {
	it('picks the Wi-Fi/Ethernet address: not loopback, not link-local, not IPv6, not a bridge', () => {
		expect(lanAddress(LAPTOP)).toBe('192.168.1.23');
	});
	it('prefers 192.168 over 10 over 172.16–31 over others, a physical interface over a virtual one', () => {
		expect(lanAddress({ a: [v4('100.64.0.5')], b: [v4('10.0.0.8')], c: [v4('172.20.1.2')] })).toBe('10.0.0.8');
		expect(lanAddress({ tailscale0: [v4('100.101.1.1')], en0: [v4('100.64.0.5')] })).toBe('100.64.0.5');
		expect(lanAddress({ docker0: [v4('172.17.0.1')] })).toBe('172.17.0.1');
	});
	it('has none on a machine with only loopback and link-local addresses', () => {
		expect(lanAddress({ lo: [v4('127.0.0.1', true)], eth0: [v4('169.254.3.4'), v6('fe80::3')] })).toBeUndefined();
	});
});

describe('originHost', () => {
	it('localhost for a loopback listener, the address for a given IPv4 one, else the LAN address or localhost', () => {
		expect(originHost('127.0.0.1', LAPTOP)).toBe('localhost');
		expect(originHost('::1', LAPTOP)).toBe('localhost');
		expect(originHost('10.1.2.3', LAPTOP)).toBe('10.1.2.3');
		expect(originHost('0.0.0.0', LAPTOP)).toBe('192.168.1.23');
		expect(originHost('', LAPTOP)).toBe('192.168.1.23');
		expect(originHost('::', LAPTOP)).toBe('192.168.1.23');
		expect(originHost('0.0.0.0', { lo: [v4('127.0.0.1', true)] })).toBe('localhost');
	});
});

describe('the kept origin', () => {
	it('is detected on the first start, written to DATA_DIR, and the same on every start after, whatever the network', () => {
		const dataDir = tempDir();
		const first = keptOrigin({ dataDir, host: '0.0.0.0', port: 8787, interfaces: LAPTOP });
		expect(first).toMatchObject({ origin: 'http://192.168.1.23:8787', source: 'detected', reachable: true });
		expect(readFileSync(join(dataDir, ORIGIN_FILE), 'utf8')).toBe('http://192.168.1.23:8787\n');
		// Another Wi-Fi, another address: the records already carry the first origin, so it stays.
		const moved = { wlan0: [v4('10.9.8.7')] };
		expect(keptOrigin({ dataDir, host: '0.0.0.0', port: 8787, interfaces: moved })).toMatchObject({
			origin: 'http://192.168.1.23:8787',
			source: 'kept'
		});
	});

	it('a file edited into something else stops the start instead of being replaced', () => {
		const dataDir = tempDir();
		writeFileSync(join(dataDir, ORIGIN_FILE), 'not an origin\n');
		expect(() => keptOrigin({ dataDir, host: '0.0.0.0', port: 8787, interfaces: LAPTOP })).toThrow(/public-origin/);
	});

	it('bootstrap settles it once: two starts on one folder register with the same origin; PUBLIC_URL wins', async () => {
		const dataDir = tempDir();
		const start = async (interfaces: Interfaces, env: NodeJS.ProcessEnv = {}) => {
			const boot = await bootstrap({
				env: { DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(16), PORT: '9431', HOLIDAY_SEED: '0', ...env },
				interfaces,
				staticDir: null,
				log: () => {}
			});
			await boot.store.close();
			return boot.config;
		};
		const first = await start(LAPTOP);
		expect(first.provider.verifyOrigin).toBe('http://192.168.1.23:9431');
		expect(first.origin).toMatchObject({ source: 'detected' });
		const second = await start({ eth0: [v4('10.0.0.2')] });
		expect(second.provider.verifyOrigin).toBe('http://192.168.1.23:9431');
		expect(second.origin).toMatchObject({ source: 'kept' });
		const configured = await start(LAPTOP, { PUBLIC_URL: 'https://contracts.example.cn/' });
		expect(configured.provider.verifyOrigin).toBe('https://contracts.example.cn');
		expect(configured.origin).toEqual({ source: 'PUBLIC_URL' });
	});

	it('a server listening on loopback only (the test servers) keeps localhost, as before', async () => {
		const dataDir = tempDir();
		const boot = await bootstrap({
			env: { DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(16), PORT: '9432', HOST: '127.0.0.1', HOLIDAY_SEED: '0' },
			interfaces: LAPTOP,
			staticDir: null,
			log: () => {}
		});
		await boot.store.close();
		expect(boot.config.provider.verifyOrigin).toBe('http://localhost:9432');
		expect(boot.config.origin).toMatchObject({ reachable: false });
	});
});

describe('production', () => {
	it('refuses to start without PUBLIC_URL, saying so, and exits non-zero', () => {
		const env = {
			DATA_DIR: tempDir(),
			NODE_ENV: 'production',
			ADMIN_TOKEN: 'a-production-token-0123456789',
			SEAL: 'off'
		};
		expect(() => loadConfig(env)).toThrow(/PUBLIC_URL must be set when NODE_ENV=production/);
		expect(loadConfig({ ...env, PUBLIC_URL: 'https://contracts.example.cn' }).provider.verifyOrigin).toBe(
			'https://contracts.example.cn'
		);
		// The real entry point: nothing listens, the message is on stderr, the exit code says it failed.
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
			env: { PATH: process.env.PATH, ...env, PORT: '0', HOST: '127.0.0.1', RENDER_WORKERS: '1' },
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/PUBLIC_URL must be set when NODE_ENV=production/);
		expect(run.stdout).not.toContain('Contract Desk server on');
	});
});
