// The framework agreement (框架协议) of template CD-FA-2026.3: parties, contact details, clauses, execution page.
import type { FrameworkContract } from '../../../domain/contract';
import type { Layout } from './layout';
import { clauses, type Execution, execution, header, parties } from './sections';

export function renderFramework(l: Layout, r: FrameworkContract, e: Execution): void {
	header(l, r);
	parties(l, r);
	clauses(l, r);
	execution(l, r, e);
}
