// Test helpers for sealed PDFs: poppler's pdfsig and qpdf on a file, an NSS database trusting a CA, the CMS out of /Contents, and a local RFC 3161 TSA (openssl ts -reply behind node:http).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as pkijs from 'pkijs';

const run = promisify(execFile);

export async function tool(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
	try {
		const { stdout, stderr } = await run(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
		return { code: 0, out: stdout + stderr };
	} catch (err) {
		const e = err as { code?: number; stdout?: string; stderr?: string };
		return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}

export async function nssTrusting(caPem: string): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'seal-nss-'));
	await run('certutil', ['-N', '--empty-password', '-d', dir]);
	await run('certutil', ['-A', '-n', 'seal-ca', '-t', 'CT,C,C', '-i', caPem, '-d', dir]);
	return dir;
}

/** The CMS of the file's last signature: the hex between the ByteRange's gap. */
export function signatureCms(pdf: Uint8Array): pkijs.SignedData {
	const text = Buffer.from(pdf).toString('latin1');
	const m = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1)!;
	const hex = text.slice(Number(m[2]) + 1, Number(m[3]) - 1).replace(/(00)+$/, '');
	const der = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
	const info = pkijs.ContentInfo.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
	return new pkijs.SignedData({ schema: info.content });
}

export interface LocalTsa {
	url: string;
	certFile: string;
	close: () => Promise<void>;
}

/** A TSA with its own self-signed timestamping certificate in a temp folder, answering with `openssl ts -reply`. */
export async function startLocalTsa(): Promise<LocalTsa> {
	const dir = mkdtempSync(join(tmpdir(), 'seal-tsa-'));
	const key = join(dir, 'tsa.key');
	const certFile = join(dir, 'tsa.crt');
	await run('openssl', [
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		key,
		'-out',
		certFile,
		'-days',
		'30',
		'-subj',
		'/CN=Contract Desk Test TSA',
		'-addext',
		'extendedKeyUsage=critical,timeStamping',
		'-addext',
		'keyUsage=critical,digitalSignature',
		'-addext',
		'basicConstraints=CA:FALSE'
	]);
	writeFileSync(join(dir, 'serial'), '01\n');
	const config = join(dir, 'tsa.cnf');
	writeFileSync(
		config,
		[
			'[ tsa ]',
			'default_tsa = local',
			'[ local ]',
			`dir = ${dir}`,
			'serial = $dir/serial',
			'signer_cert = $dir/tsa.crt',
			'signer_key = $dir/tsa.key',
			'certs = $dir/tsa.crt',
			'signer_digest = sha256',
			'default_policy = 1.2.3.4.1',
			'digests = sha256',
			'accuracy = secs:1',
			'ordering = no',
			'tsa_name = no',
			'ess_cert_id_chain = no',
			'ess_cert_id_alg = sha256',
			''
		].join('\n')
	);
	let n = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const id = ++n;
			const query = join(dir, `q${id}.tsq`);
			const reply = join(dir, `r${id}.tsr`);
			writeFileSync(query, Buffer.concat(chunks));
			execFile('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply], (err) => {
				if (err) {
					res.writeHead(500).end();
					return;
				}
				res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/tsa`,
		certFile,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
