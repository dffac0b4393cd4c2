// Small pieces shared by the three contract flows: step type, preview id, focus after a step change.
import { tick } from 'svelte';

export type Step = 'details' | 'confirm';

/** The confirm screen renders the very record generation will build, under a placeholder id. */
export const PREVIEW_ID = '00000000-0000-4000-8000-000000000000';

/** Moves focus to the step heading so keyboard and screen-reader users land on the new content. */
export async function focusHeading(el: () => HTMLElement | undefined): Promise<void> {
	// A getter: the step's heading is a new element after the re-render, read it after the tick.
	await tick();
	el()?.focus();
}

/** Focuses the first field marked invalid, so "next" with errors leads straight to the problem. */
export async function focusFirstInvalid(root: ParentNode = document): Promise<void> {
	await tick();
	root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
