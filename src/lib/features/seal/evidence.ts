// Fetches a contract's evidence report (出证报告), which the provider writes and seals on request: online only.
import { getMeta, META, type Session } from '../../db/meta';
import { API_BASE } from '../../sync/api';

export class EvidenceError extends Error {
	constructor(readonly reason: 'offline' | 'failed') {
		super(reason);
		this.name = 'EvidenceError';
	}
}

export async function fetchEvidenceReport(contractId: string, fetchImpl: typeof fetch = fetch): Promise<Blob> {
	const session = await getMeta<Session>(META.session);
	if (!session) throw new EvidenceError('failed');
	let res: Response;
	try {
		res = await fetchImpl(`${API_BASE}/contracts/${encodeURIComponent(contractId)}/evidence`, {
			headers: { authorization: `Bearer ${session.token}`, accept: 'application/pdf' },
			signal: AbortSignal.timeout(60_000),
			cache: 'no-store'
		});
	} catch {
		throw new EvidenceError('offline');
	}
	if (!res.ok) throw new EvidenceError('failed');
	return new Blob([await res.arrayBuffer()], { type: 'application/pdf' });
}
