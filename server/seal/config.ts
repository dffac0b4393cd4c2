// The seal's configuration from the environment: the provider's key and chain (PEM files or a PKCS#12), a test seal in DATA_DIR for development, or SEAL=off; the TSA; how often registered contracts are looked for.
import { existsSync } from 'node:fs';
import { testSealFiles } from './keys';

export type SealConfig =
	| { mode: 'off' }
	| {
			mode: 'pem' | 'p12' | 'test';
			/** PEM: PKCS#8 key and chain; test: made in DATA_DIR/seal on first start. */
			keyFile: string;
			certFile: string;
			/** PKCS#12 file and its password (mode p12; keyFile/certFile are unused then). */
			p12?: { file: string; password: string };
			/** The test seal's CA certificate, for the operator to trust, and the data folder it lives in (test mode). */
			caFile?: string;
			dataDir?: string;
			/** RFC 3161 timestamp authority (TSA_URL): signatures become PAdES B-T. */
			tsaUrl: string | null;
			intervalMs: number;
	  };

/** What the start-up banner says about the seal (paths only: no key material is ever printed). */
export function sealBanner(config: SealConfig): string {
	const tsa = config.mode !== 'off' && config.tsaUrl ? `, timestamps from ${config.tsaUrl}` : '';
	switch (config.mode) {
		case 'off':
			return 'off (SEAL=off): registered contracts get no sealed copy';
		case 'test':
			return `TEST seal (测试印章), made in ${config.dataDir}/seal; trust ${config.caFile} to check it${tsa}`;
		case 'pem':
			return `${config.certFile}${tsa}`;
		case 'p12':
			return `${config.p12!.file}${tsa}`;
	}
}

function tsaUrl(value: string | undefined): string | null {
	const url = value?.trim();
	if (!url) return null;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`TSA_URL is not a URL: ${value}`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`TSA_URL must be http(s): ${value}`);
	return parsed.href;
}

function must(path: string, name: string): string {
	if (!existsSync(path)) throw new Error(`${name} names a file that does not exist: ${path}`);
	return path;
}

export function loadSealConfig(env: NodeJS.ProcessEnv, where: { production: boolean; dataDir: string }): SealConfig {
	const seal = env.SEAL?.trim();
	if (seal && seal !== 'off') throw new Error(`SEAL must be off or unset: ${env.SEAL}`);
	if (seal === 'off') return { mode: 'off' };
	const seconds = env.SEAL_INTERVAL_SECONDS?.trim() ? Number(env.SEAL_INTERVAL_SECONDS) : 5;
	if (!(seconds > 0) || !Number.isFinite(seconds))
		throw new Error(`SEAL_INTERVAL_SECONDS must be positive: ${env.SEAL_INTERVAL_SECONDS}`);
	const common = { tsaUrl: tsaUrl(env.TSA_URL), intervalMs: seconds * 1000 };

	const p12 = env.SEAL_P12?.trim();
	const keyFile = env.SEAL_KEY_FILE?.trim();
	const certFile = env.SEAL_CERT_FILE?.trim();
	if (p12) {
		return {
			mode: 'p12',
			keyFile: '',
			certFile: '',
			p12: { file: must(p12, 'SEAL_P12'), password: env.SEAL_P12_PASSWORD ?? '' },
			...common
		};
	}
	if (keyFile || certFile) {
		if (!keyFile || !certFile) throw new Error('SEAL_KEY_FILE and SEAL_CERT_FILE are set together');
		return {
			mode: 'pem',
			keyFile: must(keyFile, 'SEAL_KEY_FILE'),
			certFile: must(certFile, 'SEAL_CERT_FILE'),
			...common
		};
	}
	// A production server never signs with a seal nobody issued: it is configured, or turned off on purpose.
	if (where.production) {
		throw new Error(
			'The electronic seal must be configured when NODE_ENV=production: SEAL_P12 (+ SEAL_P12_PASSWORD), or SEAL_KEY_FILE + SEAL_CERT_FILE, or SEAL=off'
		);
	}
	return { mode: 'test', dataDir: where.dataDir, ...testSealFiles(where.dataDir), ...common };
}
