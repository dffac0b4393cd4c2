// Which frame of the app shell a path gets, and which paths anyone may open without signing in.

/**
 * 'app': header and navigation; 'bare': a narrow card (sign-in, public verification); 'sheet': full-width, no chrome
 * (print view); 'office': the provider's back office, which brings its own layout, session and no service worker.
 */
export type ShellKind = 'app' | 'bare' | 'sheet' | 'office';

export function isOfficePath(pathname: string): boolean {
	return pathname === '/office' || pathname.startsWith('/office/');
}

export function shellFor(pathname: string): ShellKind {
	if (isOfficePath(pathname)) return 'office';
	if (pathname.startsWith('/signin') || pathname === '/verify' || pathname.startsWith('/verify/')) return 'bare';
	if (/^\/contracts\/[^/]+\/print\/?$/.test(pathname)) return 'sheet';
	return 'app';
}

/** /verify is for whoever holds the paper or the PDF: it needs no account. */
export function needsSession(pathname: string): boolean {
	return !(
		isOfficePath(pathname) ||
		pathname.startsWith('/signin') ||
		pathname === '/verify' ||
		pathname.startsWith('/verify/')
	);
}
