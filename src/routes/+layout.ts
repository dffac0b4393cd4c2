// The app is a client-only SPA: no server rendering, no prerendered data.
// First, before any page builds a schema: zod without eval, as the CSP requires.
import '$lib/domain/zod-config';
export const ssr = false;
export const prerender = false;
