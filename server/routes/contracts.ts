// /api/v1/contracts/:id: registering a contract (idempotent; the rule in registry/registration.ts), reading it back and its registered document.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { registerContractBody, registrationIntent, REGISTRATION_BODY_LIMIT } from '../../src/lib/domain/api';
import type { AppEnv } from '../auth/account-session';
import { contractDocument, type DocumentDeps, type DocumentResult } from '../render/contract-document';
import { apiError, invalid, notFound, readBody } from '../http/http';
import { idempotencyKey, missingKey, runIdempotent } from '../http/idempotency';
import { noteRefusal } from '../office/refusals';
import { contractView, registerContract, type RegistrationDeps } from '../registry/registration';

export interface ContractsDeps {
	registration: RegistrationDeps;
	documents: DocumentDeps;
	requireAccount: MiddlewareHandler<AppEnv>;
}

/** A document that could not be made now: the account's own renders are busy (429), or the renderer is (503). */
function notNow(c: Context, doc: Extract<DocumentResult, { kind: 'busy' | 'unavailable' }>): Response {
	const ownRenders = doc.kind === 'busy' && doc.scope === 'account';
	c.header('Retry-After', ownRenders ? '1' : '2');
	return ownRenders
		? apiError(c, 429, 'tooManyRenders', { message: 'Too many documents of this account are being made; retry' })
		: apiError(c, 503, 'renderUnavailable', { message: 'The document could not be made now; retry' });
}

export function contractsRoutes(deps: ContractsDeps): Hono<AppEnv> {
	const { registration, documents, requireAccount } = deps;
	const { store, now, log } = registration;
	const routes = new Hono<AppEnv>();

	routes.get('/:id', requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		if (!contract || contract.accountId !== c.get('accountId')) return notFound(c);
		return c.json({ contract: { ...contractView(contract), record: contract.record, hasPdf: contract.hasPdf } });
	});

	routes.get('/:id/pdf', requireAccount, async (c) => {
		const contract = await store.getContract(c.req.param('id'));
		if (!contract || contract.accountId !== c.get('accountId')) return notFound(c);
		const doc = await contractDocument(documents, contract);
		if (doc.kind === 'busy' || doc.kind === 'unavailable') return notNow(c, doc);
		if (doc.kind === 'missing') return notFound(c);
		return c.body(doc.pdf as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			ETag: `"${contract.pdfSha256}"`
		});
	});

	routes.put('/:id', requireAccount, async (c) => {
		const key = idempotencyKey(c);
		if (!key) return missingKey(c);
		const body = await readBody(c, registerContractBody, { maxBytes: REGISTRATION_BODY_LIMIT });
		if (!body.ok) return body.response;
		if (body.value.record.id !== c.req.param('id')) {
			return invalid(c, { 'record.id': ['idMismatch'] }, 'record.id must equal the URL id');
		}
		const accountId = c.get('accountId');
		// The key stands for the record and its fingerprint: a device that sent its bytes, then updated and sends
		// the record alone, replays its registration. Keys claimed before hashed the whole body (legacyBody).
		const intent = registrationIntent(body.value);
		const legacyBody = body.value.pdfBase64 === undefined ? undefined : body.value;
		return runIdempotent(c, store, { scope: accountId, key, body: intent, legacyBody, now: now() }, async (idem) => {
			const result = await registerContract(registration, { accountId, body: body.value }, idem);
			await noteRefusal(store, { accountId, record: body.value.record, outcome: result, now: now() }, log);
			if (result.retryAfterS !== undefined) c.header('Retry-After', String(result.retryAfterS));
			return result;
		});
	});

	return routes;
}
