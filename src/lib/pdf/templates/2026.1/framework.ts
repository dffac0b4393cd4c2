// The framework agreement (框架协议): parties, contact details, clauses, signatures.
import type { FrameworkContract } from '../../../domain/contract';
import type { Layout } from './layout';
import { agreement } from './sections';

export function renderFramework(l: Layout, r: FrameworkContract): void {
	agreement(l, r);
}
