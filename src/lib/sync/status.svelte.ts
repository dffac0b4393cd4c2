// Reactive sync state for the UI: connectivity (one source), a round in progress, what the provider's answers said, expired session.
import { online } from 'svelte/reactivity/window';
import { t } from '../i18n/index.svelte';
import type { SyncError } from './errors';
import type { ProviderHealth } from './flush';
import type { RoundReport } from './scheduler';
import { onSessionExpiry, waitingForSignIn } from './session-expiry';

/** Written only by the sync engine (through its methods); read by the badge, the home screen and the outbox page. */
export class SyncStatus {
	#running = $state(false);
	#flushing = $state(false);
	#provider = $state<ProviderHealth>('unknown');
	#error = $state<SyncError | null>(null);
	#nextFlushAt = $state<number | null>(null);
	#sessionExpired = $state(waitingForSignIn());

	constructor() {
		onSessionExpiry((expired) => (this.#sessionExpired = expired));
	}

	/** The device's connectivity: `svelte/reactivity/window`'s `online`, the only source the app reads. */
	get online(): boolean {
		return typeof navigator === 'undefined' ? true : (online.current ?? true);
	}

	/** A round (outbox flush, then at most one pull) is running. */
	get running(): boolean {
		return this.#running;
	}

	/** Outbox requests are in flight. */
	get flushing(): boolean {
		return this.#flushing;
	}

	/** What the provider's last answers (or their absence) said: ok, unreachable, failing, or unknown yet. */
	get provider(): ProviderHealth {
		return this.#provider;
	}

	/** Why the last round failed, when it did: a message key plus the technical detail. */
	get error(): SyncError | null {
		return this.#error;
	}

	/** The failure in the user's language (never the raw exception text); see `error.detail` for that. */
	get lastError(): string | null {
		return this.#error ? t(this.#error.key) : null;
	}

	/** A 401: the user must sign in again; the outbox waits untouched (see ./session-expiry.ts). */
	get sessionExpired(): boolean {
		return this.#sessionExpired;
	}

	/** Epoch ms of the next automatic outbox attempt, or null. */
	get nextFlushAt(): number | null {
		return this.#nextFlushAt;
	}

	roundStarted(): void {
		this.#running = true;
	}

	setFlushing(running: boolean): void {
		this.#flushing = running;
	}

	roundEnded(report: RoundReport): void {
		this.#running = false;
		if (report.provider && report.provider !== 'unknown') this.#provider = report.provider;
		this.#error = report.error;
		this.#nextFlushAt = report.nextFlushAt;
	}

	/** Back to the state of a fresh page (sign-out, tests). */
	reset(): void {
		this.#running = false;
		this.#flushing = false;
		this.#provider = 'unknown';
		this.#error = null;
		this.#nextFlushAt = null;
	}
}

export const syncStatus = new SyncStatus();
