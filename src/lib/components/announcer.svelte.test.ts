// The layout's announcement: kept through the route change to its page, cleared on leaving it.
import { describe, expect, it } from 'vitest';
import { announce, announcer, leave } from './announcer.svelte';

describe('announcer', () => {
	it('keeps a message on its own page and clears it on any other', () => {
		announce('合同已生成：HT-20261207-44D8DC08183C45D6', '/contracts/abc');
		leave('/contracts/abc');
		expect(announcer.text).toBe('合同已生成：HT-20261207-44D8DC08183C45D6');
		leave('/contracts');
		expect(announcer.text).toBe('');
	});
	it('a message without a page stays until the next one', () => {
		announce('saved');
		leave('/elsewhere');
		expect(announcer.text).toBe('saved');
		announce('');
	});
});
