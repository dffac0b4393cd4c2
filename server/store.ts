// The server's persistence: the Store interface (store/types.ts) and its SQLite implementation (store/sqlite/).
export * from './store/types';
export { contentHash, openSqliteStore, SCHEMA_VERSION, SqliteStore } from './store/sqlite/index';
