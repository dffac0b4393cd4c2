// The real server as a child process for tests and the sync benchmark: production's bootstrap, no fingerprint re-render.
// (Test PDFs are a few placeholder bytes, so the renderer check of server/main.ts would rightly refuse them.)
import { serve } from '@hono/node-server';
import { bootstrap } from '../../../server/bootstrap';
import { httpServerOptions } from '../../../server/http/server-options';

// The same start-up as server/main.ts, including the release of claims a killed predecessor left running.
const { config, app, releasedClaims } = await bootstrap({ staticDir: null, log: () => {} });
serve(
	{ fetch: app.fetch, port: config.port, hostname: '127.0.0.1', serverOptions: httpServerOptions(config.timeouts) },
	(info) => {
		// The parent reads this line to learn the port; the count shows a restart recovered orphaned claims.
		console.log(`LISTENING ${info.port} RELEASED ${releasedClaims}`);
	}
);
