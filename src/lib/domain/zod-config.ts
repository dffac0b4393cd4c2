// zod's global configuration for code that runs under the app's Content-Security-Policy (no 'unsafe-eval').
import { z } from 'zod';

// zod's JIT compiles object parsers with new Function — and merely probing for it is reported as a CSP violation.
// An object schema decides at construction, so this must run before any schema is built: every domain module that
// builds schemas imports it first, directly or through text.ts (not the root layout: zod stays out of the first
// load). The interpreter is what the server runs too.
z.config({ jitless: true });

export {};
