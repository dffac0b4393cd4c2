// The server's persistence: the Store interface (store/types.ts), the store the configuration names (store/open.ts), and the SQLite store tests open directly (store/sqlite/).
export * from './types';
export { openStore, type OpenedStore, type SharedCounters } from './open';
export { contentHash, openSqliteStore, SCHEMA_VERSION, SqliteStore } from './sqlite/index';
