// Storage health: persistence, usage and quota, last backup, and whether the browser may evict our data.
import { getMeta, META } from '../db/meta';
import type { Platform } from './install.svelte';

export type StorageHealth = {
	/** null: the browser has no StorageManager (old Safari, some in-app browsers). */
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
	lastBackupAt: string | null;
	risks: EvictionRisk[];
};

export type EvictionRisk = 'notPersisted' | 'safariNotInstalled' | 'noStorageManager' | 'lowQuota' | 'noBackup';

/** Why the browser could drop the data; ordered from most to least serious. */
export function evictionRisks(h: Omit<StorageHealth, 'risks'>, platform: Platform): EvictionRisk[] {
	const risks: EvictionRisk[] = [];
	// Safari deletes script-written storage of sites not opened for 7 days, unless installed to the home screen.
	if (platform.ios && !platform.standalone) risks.push('safariNotInstalled');
	if (h.persisted === null) risks.push('noStorageManager');
	else if (!h.persisted) risks.push('notPersisted');
	if (h.usage !== null && h.quota !== null && h.quota > 0 && h.usage / h.quota > 0.8) risks.push('lowQuota');
	if (!h.lastBackupAt) risks.push('noBackup');
	return risks;
}

export async function readStorageHealth(platform: Platform): Promise<StorageHealth> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	const [persisted, estimate, lastBackupAt] = await Promise.all([
		storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
		storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
		getMeta<string>(META.lastBackupAt)
	]);
	const base = {
		persisted,
		usage: estimate?.usage ?? null,
		quota: estimate?.quota ?? null,
		lastBackupAt: lastBackupAt ?? null
	};
	return { ...base, risks: evictionRisks(base, platform) };
}

/** Asks again (the contracts flow asks at the first contract); browsers may grant it silently or not at all. */
export async function requestPersistence(): Promise<boolean> {
	try {
		return (await navigator.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}

/** 1536 → "1.5 KB"; binary units, one decimal. */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let v = bytes;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
