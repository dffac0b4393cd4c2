// zod's global configuration for code that runs under the app's Content-Security-Policy (no 'unsafe-eval').
import { z } from 'zod';

// zod's JIT compiles object parsers with new Function — and merely probing for it is reported as a CSP violation.
// An object schema decides at construction, so this must run before any schema is built: text.ts (which every
// domain schema imports) and the root layout import this module first. The interpreter is what the server runs too.
z.config({ jitless: true });

export {};
