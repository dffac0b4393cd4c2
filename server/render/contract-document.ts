// A registered contract's document: the stored bytes, or for one registered before the server kept its rendering, rendered once and stored.
import type { ContractRecord } from '../../src/lib/domain/contract';
import { RenderBusyError, type RenderGate } from './render-gate';
import type { Store, StoredContract } from '../store/index';

/** The server's rendering of a record and its SHA-256 (hashed where it was rendered). */
export type RenderDocument = (record: ContractRecord) => Promise<{ pdf: Uint8Array; sha256: string }>;

export interface DocumentDeps {
	store: Store;
	/** Absent → a contract without stored bytes stays without (unit tests without a renderer). */
	renderDocument?: RenderDocument;
	gate: RenderGate;
	log: (message: string, err?: unknown) => void;
}

export type DocumentResult =
	| { kind: 'pdf'; pdf: Uint8Array }
	| { kind: 'missing' }
	| { kind: 'busy'; scope: RenderBusyError['scope'] }
	| { kind: 'unavailable' };

/**
 * Contracts registered before the server kept its own rendering may have no bytes (devices did not send a PDF
 * over 1 MiB). They are rendered here on their first request rather than by a start-up migration: a start stays
 * as fast as before however large the registry, nothing is rendered that nobody asks for, and the render goes
 * through the account's render admission like a registration. The bytes are kept only when their SHA-256 is the
 * registered one, so the document served is always the one registered; two processes doing it at once store it once.
 */
export async function contractDocument(deps: DocumentDeps, contract: StoredContract): Promise<DocumentResult> {
	const stored = await deps.store.getContractPdf(contract.id);
	if (stored) return { kind: 'pdf', pdf: stored };
	const render = deps.renderDocument;
	if (!render) return { kind: 'missing' };
	let rendered: Awaited<ReturnType<RenderDocument>>;
	try {
		rendered = await deps.gate.run(contract.accountId, () => render(contract.record));
	} catch (err) {
		if (err instanceof RenderBusyError) return { kind: 'busy', scope: err.scope };
		deps.log(`[server] rendering the document of contract ${contract.id} failed`, err);
		return { kind: 'unavailable' };
	}
	if (rendered.sha256 !== contract.pdfSha256) {
		// Registered with the check off, or a renderer that no longer makes those bytes: never serve other bytes.
		deps.log(`[server] contract ${contract.id}: the server's rendering is not the registered document`);
		return { kind: 'missing' };
	}
	await deps.store.setContractPdf(contract.id, contract.pdfSha256, rendered.pdf);
	return { kind: 'pdf', pdf: rendered.pdf };
}
