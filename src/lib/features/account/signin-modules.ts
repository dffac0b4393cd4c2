// What the sign-in page needs once the user starts typing (session, API errors, the sync engine: Dexie, zod, the
// pull), loaded then rather than with the form, so a first visit downloads only what paints it.
export function signInModules() {
	return Promise.all([import('./session'), import('../../sync/api'), import('../../sync/engine')]);
}
