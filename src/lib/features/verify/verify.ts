// Verifying a contract on the device: against the server's public endpoint when it answers, else against the contracts in Dexie.
import { sha256Hex } from '../../domain/canonical';
import type { ContractKind } from '../../domain/contractKinds';
import {
	CONTRACT_NUMBER,
	maskName,
	publicVerifyAnswer,
	hasRegisteredCopyVersion,
	type PublicVerifyAnswer,
	type Rendition
} from '../../domain/verification';
import type { ContractRow } from '../../db/types';
import { bytesToLatin1 } from '../../bytes/latin1';
import { firstRevision } from './sealed-file';

/** From the QR link: number + content fingerprint. From a file: its SHA-256, and its number when the file carries one. */
export type VerifyInput = { number: string | null; fingerprint?: string; pdfSha256?: string };

/**
 * match: registered and the same content; mismatch: not the registered (or stored) version; notFound: no such
 * contract; unregisteredMatch: the same content as a contract on this device that the provider has not registered yet.
 */
export type Verdict = 'match' | 'mismatch' | 'notFound' | 'unregisteredMatch';

export type VerifyDetails = { kind: ContractKind; registeredAt: string | null; partyA: string; partyB: string };

export type VerifyOutcome = {
	verdict: Verdict;
	/** Whose records gave the answer. */
	source: 'server' | 'device';
	/** The server could not be asked (offline, or it failed): the answer rests on this device alone. */
	serverUnreachable: boolean;
	number: string | null;
	details?: VerifyDetails;
	/** The device's matching contract had its registration refused: it never took effect. */
	refused?: boolean;
	/** Which of the provider's files a checked file is (the original or the registered copy), when it matched. */
	rendition?: Rendition;
};

/** `refused`: the hit is void or its registration was refused (it will never be registered). */
export type DeviceAnswer = { rows: ContractRow[]; hit: ContractRow | undefined; refused?: boolean };

const matches = (input: VerifyInput) => (row: ContractRow) =>
	input.fingerprint !== undefined ? row.contentHash === input.fingerprint : row.pdfSha256 === input.pdfSha256;

/** The device's contracts under the number (or, for a file without one, with the file's hash). */
export async function checkOnDevice(input: VerifyInput): Promise<DeviceAnswer> {
	const [{ getDb }, { refusedContractIds }] = await Promise.all([
		import('../../db/database'),
		import('../../db/contracts')
	]);
	const contracts = getDb().contracts;
	const rows = input.number
		? await contracts.where('number').equals(input.number).toArray()
		: input.pdfSha256
			? await contracts.filter((c) => c.pdfSha256 === input.pdfSha256).toArray()
			: [];
	const hit = rows.find(matches(input));
	const refused = hit !== undefined && (hit.status === 'void' || (await refusedContractIds([hit.id])).has(hit.id));
	return { rows, hit, refused };
}

export class ServerUnavailableError extends Error {
	override name = 'ServerUnavailableError';
}

/** Asks the public endpoint; throws ServerUnavailableError for no network, a refusal (429) or a server fault. */
export async function checkOnServer(
	input: VerifyInput & { number: string },
	fetchImpl: typeof fetch = fetch,
	timeoutMs = 10_000
): Promise<PublicVerifyAnswer> {
	const query = new URLSearchParams(
		input.fingerprint !== undefined ? { fingerprint: input.fingerprint } : { pdfSha256: input.pdfSha256 ?? '' }
	);
	let res: Response;
	try {
		res = await fetchImpl(`/api/v1/verify/${encodeURIComponent(input.number)}?${query}`, {
			signal: AbortSignal.timeout(timeoutMs),
			headers: { Accept: 'application/json' }
		});
	} catch (e) {
		throw new ServerUnavailableError(e instanceof Error ? e.message : String(e));
	}
	if (!res.ok) throw new ServerUnavailableError(`HTTP ${res.status}`);
	const parsed = publicVerifyAnswer.safeParse(await res.json().catch(() => null));
	if (!parsed.success) throw new ServerUnavailableError('unexpected answer');
	return parsed.data;
}

function deviceDetails(row: ContractRow): VerifyDetails {
	return {
		kind: row.kind,
		registeredAt: row.registeredAt,
		partyA: maskName(row.partyA.name),
		// Party B is the provider: its own name is public.
		partyB: row.partyB.name
	};
}

/** What the server said: its answer, or why there is none (no network or a failure; or nothing to ask without a number). */
export type ServerState = PublicVerifyAnswer | 'unreachable' | 'notAsked';

/**
 * The server is the authority when it answers; the device answers only for what it holds. A contract the server
 * does not know yet but this device generated with the same content is reported as such, not as unknown.
 */
export function decide(input: VerifyInput, device: DeviceAnswer, server: ServerState): VerifyOutcome {
	const number = input.number ?? device.hit?.number ?? device.rows[0]?.number ?? null;
	const serverUnreachable = server === 'unreachable';
	if (typeof server === 'object' && server.registered) {
		const { kind, registeredAt, partyA, partyB } = server;
		return {
			verdict: server.match ? 'match' : 'mismatch',
			source: 'server',
			serverUnreachable,
			number,
			details: { kind, registeredAt, partyA, partyB },
			...(server.rendition ? { rendition: server.rendition } : {})
		};
	}
	const answered = typeof server === 'object';
	if (device.hit && device.refused) {
		return {
			verdict: 'notFound',
			source: 'device',
			serverUnreachable,
			number,
			details: deviceDetails(device.hit),
			refused: true
		};
	}
	if (device.hit) {
		// Registered as far as this device knows; when the server answered, it did not know the contract.
		const registered = !answered && device.hit.registeredAt !== null;
		return {
			verdict: registered ? 'match' : 'unregisteredMatch',
			source: 'device',
			serverUnreachable,
			number,
			details: deviceDetails(device.hit),
			...(input.pdfSha256 !== undefined ? { rendition: 'original' as const } : {})
		};
	}
	const stored = device.rows[0];
	if (!answered && stored) {
		return { verdict: 'mismatch', source: 'device', serverUnreachable, number, details: deviceDetails(stored) };
	}
	return { verdict: 'notFound', source: answered ? 'server' : 'device', serverUnreachable, number };
}

/** The registered copy's SHA-256 as this device makes it for 下载登记版 (needs the record's fonts). */
async function registeredCopySha(row: ContractRow): Promise<string> {
	const { renderRegisteredCopy } = await import('../contracts/registeredCopy');
	return sha256Hex(await renderRegisteredCopy(row));
}

/**
 * Without the server, a file that is none of the device's originals may still be the registered copy of one of
 * its registered contracts: the device renders that copy as 下载登记版 does and compares. A render that cannot
 * run (fonts not on the device offline) leaves the answer as it was.
 */
async function withRegisteredCopy(
	input: VerifyInput,
	device: DeviceAnswer,
	render: (row: ContractRow) => Promise<string>
): Promise<DeviceAnswer & { rendition?: 'registeredCopy' }> {
	if (input.pdfSha256 === undefined || device.hit) return device;
	for (const row of device.rows) {
		const registered = row.status === 'effective' && row.registeredAt !== null;
		if (!registered || !hasRegisteredCopyVersion(row.templateVersion)) continue;
		try {
			if ((await render(row)) === input.pdfSha256) return { ...device, hit: row, rendition: 'registeredCopy' };
		} catch {
			// Fonts missing offline, or a glyph pending: the device cannot tell, and says what it can.
		}
	}
	return device;
}

/** The whole check: device first (it never fails for lack of network), then the server when there is a number to ask about. */
export async function verifyContract(
	input: VerifyInput,
	deps: {
		device?: typeof checkOnDevice;
		server?: typeof checkOnServer;
		online?: () => boolean;
		registeredCopySha?: (row: ContractRow) => Promise<string>;
	} = {}
): Promise<VerifyOutcome> {
	const device = await (deps.device ?? checkOnDevice)(input);
	// The page passes the app's one connectivity source (syncStatus.online); without it, a failed fetch says offline.
	const online = deps.online ?? (() => true);
	let server: ServerState = 'notAsked';
	if (input.number) {
		if (!online()) server = 'unreachable';
		else {
			try {
				server = await (deps.server ?? checkOnServer)({ ...input, number: input.number });
			} catch (e) {
				if (!(e instanceof ServerUnavailableError)) throw e;
				server = 'unreachable';
			}
		}
	}
	if (typeof server === 'object') return decide(input, device, server);
	const local = await withRegisteredCopy(input, device, deps.registeredCopySha ?? registeredCopySha);
	const outcome = decide(input, local, server);
	return local.rendition && outcome.rendition ? { ...outcome, rendition: local.rendition } : outcome;
}

/**
 * The contract number a PDF carries in its metadata (Subject, Title or Keywords; ASCII or UTF-16), else in its
 * file name. Our PDFs store their metadata uncompressed, so a byte scan finds it without a PDF parser.
 */
export function contractNumberOf(bytes: Uint8Array, fileName = ''): string | null {
	const pattern = new RegExp(CONTRACT_NUMBER.source.slice(1, -1));
	return bytesToLatin1(bytes).replaceAll('\0', '').match(pattern)?.[0] ?? fileName.match(pattern)?.[0] ?? null;
}

/** The most a contract PDF can be (the server accepts 2 MB with its record); anything far beyond is not one of ours. */
export const MAX_PDF_BYTES = 32 * 1024 * 1024;

/**
 * A sealed copy is checked by its first revision (the registered document, whose hashes the provider keeps);
 * `sealed` hands its whole bytes on for the seal check.
 */
export async function inputFromFile(file: File): Promise<VerifyInput & { pdfSha256: string; sealed?: Uint8Array }> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const first = firstRevision(bytes);
	return {
		number: contractNumberOf(first, file.name),
		pdfSha256: await sha256Hex(first),
		...(first !== bytes ? { sealed: bytes } : {})
	};
}
