// Live reads for the contract screens: provider, last contact, one contract with its document.
import { Live } from '../../components/live.svelte';
import { registrationRefusal } from '../../db/contracts';
import { getDb } from '../../db/database';
import type { ContactDetails } from '../../domain/contract';

export function liveProvider() {
	return new Live(() => async () => (await getDb().provider.get('provider')) ?? null);
}

/** The contact of the newest contract: offered as the starting point of the next one. */
export async function lastContact(): Promise<ContactDetails | undefined> {
	return (await getDb().contracts.orderBy('createdAt').last())?.contact;
}

export function liveContract(id: () => string) {
	return new Live(() => {
		const key = id();
		return async () => (await getDb().contracts.get(key)) ?? null;
	});
}

export function liveDocument(id: () => string) {
	return new Live(() => {
		const key = id();
		return async () => (await getDb().documents.get(key)) ?? null;
	});
}

/** Whether the provider refused this contract's registration (its outbox row was rejected). */
export function liveRefused(id: () => string) {
	return new Live(() => {
		const key = id();
		return async () => (await registrationRefusal(key)) !== undefined;
	});
}

/** The background download of a restored contract's document, or null when none is waiting. */
export function liveDownload(id: () => string) {
	return new Live(() => {
		const key = id();
		return async () => (await getDb().documentDownloads.get(key)) ?? null;
	});
}
