// Message types shared by the page and the service worker (the Background Sync tag lives in sync/background).
export const SW_MESSAGES = {
	skipWaiting: 'SKIP_WAITING',
	getVersion: 'GET_VERSION',
	fillDeferred: 'FILL_DEFERRED'
} as const;
