// What the three contract flows share: the step Draft, contact prefill, "next" / "back" with focus, and the finish.
import { tick } from 'svelte';
import { goto } from '$app/navigation';
import { Draft } from '../../components/draft.svelte';
import type { ContactDetails, ContractKind } from '../../domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../../domain/templateVersions';
import { lastContact } from './contracts.svelte';
import { isContactEmpty } from './fields';
import { expectCharacters } from './renderClient';

export type Step = 'details' | 'confirm';

/** The confirm screen renders the very record generation will build, under a placeholder id. */
export const PREVIEW_ID = '00000000-0000-4000-8000-000000000000';

/** Moves focus to the step heading so keyboard and screen-reader users land on the new content. */
export async function focusHeading(el: () => HTMLElement | undefined): Promise<void> {
	// A getter: the step's heading is a new element after the re-render, read it after the tick.
	await tick();
	el()?.focus();
}

/**
 * Leads to a radio group's problem: the group (its legend and the error beside it) is scrolled into view, clear of
 * the sticky header, and focus goes where Tab would enter the group — the checked radio, else the first enabled one.
 */
export async function focusRadioGroup(group: () => HTMLElement | undefined): Promise<void> {
	await tick();
	const root = group();
	if (!root) return;
	const radio =
		root.querySelector<HTMLInputElement>('input[type="radio"]:checked:not(:disabled)') ??
		root.querySelector<HTMLInputElement>('input[type="radio"]:not(:disabled)');
	root.scrollIntoView({ block: 'start' });
	radio?.focus({ preventScroll: true });
}

/** Focuses the first field marked invalid, so "next" with errors leads straight to the problem. */
export async function focusFirstInvalid(root: ParentNode = document): Promise<void> {
	await tick();
	root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export class ContractFlow<S extends { step: Step; contact: ContactDetails }> {
	readonly draft: Draft<S>;
	/** After the first "next", every field shows its error, not only the touched ones. */
	showAll = $state(false);
	/** "Next" presses that found a problem: the error summary is read out once for each (ErrorSummary). */
	attempts = $state(0);
	/** The contact details came from the last contract: say so, the user may need to change them. */
	prefilled = $state(false);
	heading = $state<HTMLElement>();

	constructor(kind: ContractKind, initial: S) {
		this.draft = new Draft<S>(`contract.${kind}`, initial);
		// As the user types: a character the font's core lacks has the render worker fetch the rest now, not at the click.
		$effect(() => expectCharacters(CURRENT_TEMPLATE_VERSION[kind], Object.values(this.draft.value.contact).join('')));
		let prefillTried = false;
		$effect(() => {
			if (!this.draft.restored || prefillTried) return;
			prefillTried = true;
			if (!isContactEmpty(this.draft.value.contact)) return;
			void lastContact().then((c) => {
				if (c && isContactEmpty(this.draft.value.contact)) {
					this.draft.value.contact = { ...c };
					this.prefilled = true;
				}
			});
		});
	}

	/** "Next": with a problem, shows every error and lets `focusProblem` lead to it; else the confirm step. */
	toConfirm(event: SubmitEvent, focusProblem: (() => void) | null): void {
		event.preventDefault();
		this.showAll = true;
		if (focusProblem) {
			this.attempts += 1;
			return focusProblem();
		}
		this.draft.value.step = 'confirm';
		void focusHeading(() => this.heading);
	}

	back(): void {
		this.draft.value.step = 'details';
		void focusHeading(() => this.heading);
	}

	/**
	 * The draft has become a contract: its row went in the contract's own transaction (the Draft is
	 * handed to GenerateAction and held from then on), so only the contract is left to show.
	 */
	finish = async (row: { id: string }): Promise<void> => {
		// Kit's reset (focus to the body) would force the new page's style and layout inside the navigation's task, for a
		// focus the contract's page moves to its heading once painted: the top of the page is set here instead.
		window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
		await goto(`/contracts/${row.id}`, { reset: false });
	};
}
