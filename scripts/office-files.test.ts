// Which built chunks are the back office's alone: only those stay out of the customers' precache.
import { describe, expect, it } from 'vitest';
import { officeOnly } from './office-files.js';

describe('office files', () => {
	it('takes chunks of office modules (with Kit’s generated nodes) and leaves anything shared with the customers’ app', () => {
		const route = '/w/src/routes/office/scan/+page.svelte';
		const node = '/w/.svelte-kit/generated/client-optimized/nodes/14.js';
		expect(officeOnly({ moduleIds: [node, route, '/w/src/lib/features/office/Scanner.svelte'] })).toBe(true);
		expect(officeOnly({ moduleIds: ['/w/node_modules/barcode-detector/dist/es/ponyfill.js'] })).toBe(true);
		expect(officeOnly({ moduleIds: [route, '/w/src/lib/i18n/index.svelte.ts'] })).toBe(false);
		expect(officeOnly({ moduleIds: ['/w/src/routes/contracts/+page.svelte'] })).toBe(false);
		expect(officeOnly({ moduleIds: [node] })).toBe(false);
	});
});
