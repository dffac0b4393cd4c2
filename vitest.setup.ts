// Test setup: an in-memory IndexedDB for Dexie (Dexie captures indexedDB when imported).
import 'fake-indexeddb/auto';
