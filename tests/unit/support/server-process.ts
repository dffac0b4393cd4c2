// The real server as a child process for tests and the sync benchmark: SQLite in DATA_DIR, no fingerprint re-render.
// (Test PDFs are a few placeholder bytes, so the renderer check of server/main.ts would rightly refuse them.)
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { seedIfEmpty } from '../../../server/seed';
import { openSqliteStore } from '../../../server/store';

const config = loadConfig();
const store = openSqliteStore(config.dataDir);
await seedIfEmpty(store);
const app = createApp({ store, config, staticDir: null, log: () => {} });
serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, (info) => {
	// The parent reads this line to learn the port.
	console.log(`LISTENING ${info.port}`);
});
