// Route matchers: /contracts/new/<kind> exists only for the three contract kinds.
// A relative import with its extension: the build loads this file with plain Node, without Vite's aliases.
import { defineParams } from '@sveltejs/kit/params';
import { CONTRACT_KINDS, type ContractKind } from './lib/domain/contractKinds.ts';

export const params = defineParams({
	contractKind: (param): ContractKind | undefined =>
		(CONTRACT_KINDS as readonly string[]).includes(param) ? (param as ContractKind) : undefined
});
