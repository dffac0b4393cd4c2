// The server's persistence: the Store interface (store/types.ts) and its SQLite implementation (store/sqlite/).
export * from './types';
export { contentHash, openSqliteStore, SCHEMA_VERSION, SqliteStore } from './sqlite/index';
