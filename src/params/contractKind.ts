// Route matcher: /contracts/new/<kind> exists only for the three contract kinds.
import { CONTRACT_KINDS, type ContractKind } from '$lib/domain/contractKinds';

export function match(param: string): param is ContractKind {
	return (CONTRACT_KINDS as readonly string[]).includes(param);
}
