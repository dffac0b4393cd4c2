// The HTTP server's connection timeouts (from config.timeouts) as Node's http.createServer options, for every place that starts one.
import type { ServerOptions } from 'node:http';
import type { ServerTimeouts } from '../config';

/**
 * A client that never finishes its headers, or trickles its body, would otherwise hold a socket for as long as it
 * likes; Node answers 408 and closes once it notices, and it looks every checkIntervalMs.
 */
export function httpServerOptions(timeouts: ServerTimeouts): ServerOptions {
	return {
		headersTimeout: timeouts.headersMs,
		requestTimeout: timeouts.requestMs,
		keepAliveTimeout: timeouts.keepAliveMs,
		connectionsCheckingInterval: timeouts.checkIntervalMs
	};
}
