// Names shared by the page and the service worker: message types and the Background Sync tag.
export const SW_MESSAGES = { skipWaiting: 'SKIP_WAITING', getVersion: 'GET_VERSION' } as const;
export const SYNC_TAG = 'outbox';
