// @vitest-environment jsdom
// The restore banner follows the sync engine's progress as it changes (the progress object is plain TypeScript, not a rune).
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreProgress } from '../../src/lib/sync/restore-progress';

const { default: RestoreBanner } = await import('../../src/lib/features/contracts/RestoreBanner.svelte');

afterEach(() => {
	cleanup();
	restoreProgress.contracts = null;
});

describe('restore banner', () => {
	it('appears, counts up and disappears as the pull reports', async () => {
		render(RestoreBanner);
		expect(screen.queryByTestId('restore-progress')).toBeNull();

		restoreProgress.contracts = { done: 200, total: 5000 };
		flushSync();
		const banner = screen.getByTestId('restore-progress');
		expect(banner.textContent).toMatch(/200/);
		expect(banner.querySelector('progress')?.value).toBe(200);

		restoreProgress.contracts = { done: 400, total: 5000 };
		flushSync();
		expect(screen.getByTestId('restore-progress').querySelector('progress')?.value).toBe(400);

		restoreProgress.contracts = null;
		flushSync();
		expect(screen.queryByTestId('restore-progress')).toBeNull();
	});
});
