// Live read of a contract's sealed copy on the device (announced by the pull, bytes once downloaded).
import { Live } from '../../components/live.svelte';
import { getDb } from '../../db/database';

export function liveSealedCopy(id: () => string) {
	return new Live(() => {
		const key = id();
		return async () => (await getDb().sealedCopies.get(key)) ?? null;
	});
}
