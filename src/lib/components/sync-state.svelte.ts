// The sync condition as a rune, for the badge, the home screen and the outbox page: status + the outbox's counts + last sync.
import { getMeta, META } from '#lib/db/meta.ts';
import { shanghaiShortDateTime } from '#lib/domain/time.ts';
import { t } from '#lib/i18n/index.svelte.ts';
import { problemSide, syncCondition, type ProblemSide, type SyncCondition } from '#lib/sync/condition.ts';
import { outboxCounts, type OutboxCounts } from '#lib/sync/outbox.ts';
import { syncStatus } from '#lib/sync/status.svelte.ts';
import { Live } from './live.svelte';

/** Create during component initialisation (it subscribes to Dexie while the component lives). */
export class SyncState {
	#counts = new Live<OutboxCounts>(() => () => outboxCounts());
	#lastSync = new Live<string | undefined>(() => () => getMeta<string>(META.lastSyncAt));

	readonly queued = $derived((this.#counts.current?.waiting ?? 0) + (this.#counts.current?.sending ?? 0));
	readonly rejected = $derived(this.#counts.current?.rejected ?? 0);
	readonly condition: SyncCondition = $derived(
		syncCondition({
			online: syncStatus.online,
			sessionExpired: syncStatus.sessionExpired,
			provider: syncStatus.provider,
			rejected: this.rejected,
			queued: this.queued,
			synced: Boolean(this.#lastSync.current)
		})
	);
	readonly side: ProblemSide = $derived(problemSide(this.condition));

	get counts(): OutboxCounts | undefined {
		return this.#counts.current;
	}

	get lastSync(): string | undefined {
		return this.#lastSync.current;
	}

	/** The badge's short text (the time only, for a sync today: the header holds it on one line in both languages). */
	get badge(): string {
		const n = this.queued;
		switch (this.condition) {
			case 'signIn':
				return n > 0 ? t('badgeSignInWaiting', { count: n }) : t('badgeSignIn');
			case 'refused':
				return t('badgeRefused', { count: this.rejected });
			case 'offline':
				return n > 0 ? t('badgeOfflineWaiting', { count: n }) : t('badgeOffline');
			case 'unreachable':
				return n > 0 ? t('badgeUnreachableWaiting', { count: n }) : t('badgeUnreachable');
			case 'failing':
				return n > 0 ? t('badgeFailingWaiting', { count: n }) : t('badgeFailing');
			case 'sending':
				return t('badgeSending', { count: n });
			case 'synced':
				return t('badgeSynced', { time: shanghaiShortDateTime(this.#lastSync.current!, Date.now()) });
			case 'never':
				return syncStatus.running ? t('syncing') : t('neverSynced');
		}
	}

	/** The sentence saying where the problem is and what happens next, or null when there is none. */
	get explanation(): string | null {
		const c = this.condition;
		if (c === 'sending' || c === 'synced' || c === 'never') return null;
		if (c === 'refused') return t('syncProblem_refused', { count: this.rejected });
		return this.queued > 0 ? t(`syncProblem_${c}Waiting`, { count: this.queued }) : t(`syncProblem_${c}`);
	}
}
