// The framework agreement (框架协议): parties, contact details, clauses, signatures.
import type { FrameworkContract } from '../../../domain/contract';
import type { Layout } from './layout';
import { clauses, header, parties, signatures } from './sections';

export function renderFramework(l: Layout, r: FrameworkContract): void {
	header(l, r);
	parties(l, r);
	clauses(l, r);
	signatures(l, r);
}
