// Before the router's first navigation: a device without the app's database (a first visit) cannot be signed in,
// so a page that needs a session starts on /signin at once — without fetching the page it asked for first.
import type { ClientInit } from '@sveltejs/kit/hooks';
import { needsSession } from '#lib/components/shell.ts';
import { databaseExists } from '#lib/db/presence.ts';

// Asked while the rest of the app's modules evaluate, not after: the answer is memoised for the whole page.
void databaseExists();

export const init: ClientInit = async () => {
	if (!needsSession(location.pathname) || (await databaseExists())) return;
	history.replaceState(history.state, '', '/signin');
};
