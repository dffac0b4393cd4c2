// Registering a contract: every printed field checked against the provider's records, then a bounded re-render, then one store write.
import { createHash } from 'node:crypto';
import type { ContractRecord } from '../../src/lib/domain/contract';
import type { RegisterContractBody, RegisteredContract, RegistrationReply } from '../../src/lib/domain/api';
import { contractDiscrepancies, type Discrepancy } from '../../src/lib/domain/contractRules';
import type { Config } from '../config';
import type { IdemHandle, Outcome } from '../http/idempotency';
import { RenderBusyError, type RenderGate } from '../render/render-gate';
import type { AttachedOrder, RegisterResult, Store, StoredContract } from '../store/index';

/**
 * Renders the record on the server and compares its fingerprint with the device's: the server's PDF bytes when
 * they match (they become the registered document), false when they differ.
 */
export type VerifyDocument = (record: ContractRecord, pdfSha256: string) => Promise<Uint8Array | false>;

/** Thrown by a VerifyDocument whose renderer failed (not the record): the client gets a retryable 503. */
export class RenderUnavailableError extends Error {
	override name = 'RenderUnavailableError';
}

export interface RegistrationDeps {
	store: Store;
	config: Pick<Config, 'provider' | 'registration'>;
	/** Re-renders the record and compares fingerprints; absent → the check is skipped (unit tests only). */
	verifyDocument?: VerifyDocument;
	gate: RenderGate;
	now: () => number;
	log: (message: string, err?: unknown) => void;
}

/** An outcome plus the seconds a retryable one asks the client to wait. */
export type RegistrationOutcome = Outcome & { retryAfterS?: number };

export function contractView(contract: StoredContract): RegisteredContract {
	return {
		id: contract.id,
		number: contract.record.number,
		kind: contract.record.kind,
		status: contract.status,
		registeredAt: contract.registeredAt,
		pdfSha256: contract.pdfSha256
	};
}

function outcome(status: number, body: unknown, retryAfterS?: number): RegistrationOutcome {
	return retryAfterS === undefined ? { status, body } : { status, body, retryAfterS };
}

const MESSAGES: Record<Discrepancy['code'], string> = {
	partyAMismatch: 'Party A must be the verified entity of the account, every printed field',
	partyBMismatch: 'Party B must be the provider, every printed field',
	templateVersionUnknown: 'This template version is not one the registry knows for this kind',
	numberMismatch: 'The number must be derived from the id and the creation date',
	createdInFuture: 'The creation time is later than the server clock allows',
	createdBeforeVerification: 'The contract was created before the account’s current verification',
	orderUnknown: 'Only orders of the account can be attached',
	orderRefunded: 'Refunded orders cannot be attached',
	orderMismatch: 'Every printed field of an order must equal the provider’s order record',
	orderAlreadyAttached: 'An order can be attached to one contract only',
	filingUnknown: 'Only filings of the account can be attached',
	filingRevoked: 'A revoked filing cannot be attached',
	filingMismatch: 'Every printed field of the filing must equal the provider’s filing record'
};

/** 422 for what the record says; the first discrepancy names the error, every one is in `fields`. */
function refused(found: readonly Discrepancy[]): RegistrationOutcome {
	const fields: Record<string, string[]> = {};
	for (const d of found) (fields[`record.${d.path}`] ??= []).push(d.code);
	const first = found[0]!;
	const where = found.slice(0, 5).map((d) => (d.id ? `${d.path} (${d.id})` : d.path));
	const more = found.length > 5 ? ` and ${found.length - 5} more` : '';
	return outcome(422, { error: first.code, message: `${MESSAGES[first.code]}: ${where.join(', ')}${more}`, fields });
}

function alreadyAttached(record: ContractRecord, attached: readonly AttachedOrder[]): RegistrationOutcome {
	const index = new Map(record.kind === 'order' ? record.orders.map((o, i) => [o.id, i]) : []);
	const fields: Record<string, string[]> = {};
	for (const a of attached) fields[`record.orders.${index.get(a.orderId) ?? 0}.id`] = ['orderAlreadyAttached'];
	return outcome(409, {
		error: 'orderAlreadyAttached',
		message: `Already attached to another contract: ${attached.map((a) => `${a.orderId} → ${a.number}`).join(', ')}`,
		fields,
		attached
	});
}

export function registerResponse(result: RegisterResult, record: ContractRecord): RegistrationOutcome {
	switch (result.kind) {
		case 'created':
			return outcome(201, { contract: contractView(result.contract) } satisfies RegistrationReply);
		case 'same':
			return outcome(200, { contract: contractView(result.contract) } satisfies RegistrationReply);
		case 'conflict':
			return outcome(409, {
				error: 'conflict',
				message: 'A different contract is already registered under this id',
				stored: { ...contractView(result.contract), record: result.contract.record }
			});
		case 'foreign':
			return outcome(404, { error: 'notFound', message: 'Not found' });
		case 'numberTaken':
			return outcome(409, {
				error: 'numberTaken',
				message: `Another contract already has the number ${result.number}`,
				fields: { 'record.number': ['numberTaken'] }
			});
		case 'orderAttached':
			return alreadyAttached(record, result.attached);
	}
}

/**
 * The registration of one contract, inside its idempotency claim. Cheapest first: the stored
 * version (a replay never re-renders), the account's verification, every printed field against the
 * provider's records, one order one contract; only then the re-render, admitted by the gate.
 */
export async function registerContract(
	deps: RegistrationDeps,
	input: { accountId: string; body: RegisterContractBody },
	idem: IdemHandle
): Promise<RegistrationOutcome> {
	const { store, config } = deps;
	const { accountId } = input;
	const { record, pdfSha256, pdfBase64 } = input.body;
	// The stored document is the server's own rendering. An older device's bytes are still checked against
	// their SHA-256, and kept only when there is no rendering to keep (the check off: unit tests).
	let pdf: Uint8Array | undefined;
	const respond = (result: RegisterResult) => registerResponse(result, record);
	const write = async () => {
		const result = await store.registerContract(
			{ accountId, record, pdfSha256, pdf, now: new Date(deps.now()).toISOString() },
			idem.commit(respond)
		);
		return { ...respond(result), committed: true };
	};

	const account = await store.getAccount(accountId);
	if (!account || account.identity.status !== 'verified') {
		return outcome(403, { error: 'unverified', message: 'Real-name verification is not complete' });
	}
	// An id already stored is answered from the stored version: no re-render, and a later change of the
	// account's identity cannot turn a replayed registration into a refusal.
	if (await store.getContract(record.id)) return write();

	const orders =
		record.kind === 'order'
			? await store.getOrders(
					accountId,
					record.orders.map((o) => o.id)
				)
			: [];
	const byId = new Map(orders.map((o) => [o.id, o]));
	const filing = record.kind === 'filing' ? await store.getFiling(accountId, record.filing.id) : undefined;
	const found = contractDiscrepancies(record, {
		identity: account.identity,
		provider: config.provider,
		now: deps.now(),
		clockSkewMs: config.registration.clockSkewMs,
		order: (id) => byId.get(id),
		filing: (id) => (filing?.id === id ? filing : undefined)
	});
	if (found.length) return refused(found);
	if (record.kind === 'order') {
		const attached = await store.findAttachedOrders(record.orders.map((o) => o.id));
		if (attached.length) return alreadyAttached(record, attached);
	}
	if (pdfBase64 !== undefined) {
		const sent = new Uint8Array(Buffer.from(pdfBase64, 'base64'));
		if (createHash('sha256').update(sent).digest('hex') !== pdfSha256) {
			return outcome(400, {
				error: 'invalid',
				message: 'The PDF bytes do not match pdfSha256',
				fields: { pdfBase64: ['sha256Mismatch'] }
			});
		}
		if (!deps.verifyDocument) pdf = sent;
	}

	if (deps.verifyDocument) {
		const verify = deps.verifyDocument;
		let rendered: Uint8Array | false;
		try {
			rendered = await deps.gate.run(accountId, () => verify(record, pdfSha256));
		} catch (err) {
			if (err instanceof RenderBusyError) {
				return err.scope === 'account'
					? outcome(
							429,
							{ error: 'tooManyRenders', message: 'Too many registrations of this account are being checked; retry' },
							1
						)
					: outcome(503, { error: 'renderUnavailable', message: 'The registry is busy checking contracts; retry' }, 2);
			}
			deps.log(`[server] verifyDocument threw for contract ${record.id}`, err);
			// The renderer crashed or timed out: a server fault the client retries; the claim is released.
			if (err instanceof RenderUnavailableError) {
				return outcome(503, { error: 'renderUnavailable', message: 'The contract could not be checked now; retry' }, 1);
			}
			// A record the renderer cannot draw (e.g. a glyph missing from the font) is the client's content.
			return outcome(422, { error: 'unrenderable', message: 'The contract could not be rendered' });
		}
		if (rendered === false) {
			return outcome(422, {
				error: 'fingerprintMismatch',
				message: 'The PDF fingerprint does not match the contract record'
			});
		}
		pdf = rendered;
	}
	return write();
}
