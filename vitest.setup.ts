// Test setup: an in-memory IndexedDB for Dexie (Dexie captures indexedDB when imported).
import 'fake-indexeddb/auto';

// jsdom has no matchMedia; svelte/reactivity/window (the app's online source) reads it when it loads.
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
	window.matchMedia = (query: string) =>
		({
			matches: false,
			media: query,
			onchange: null,
			addEventListener() {},
			removeEventListener() {},
			addListener() {},
			removeListener() {},
			dispatchEvent: () => false
		}) as MediaQueryList;
}
