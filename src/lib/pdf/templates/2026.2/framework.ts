// The framework agreement (框架协议) of template CD-FA-2026.2 (and of later versions over their text): parties, contact details, clauses, execution page.
import type { FrameworkContract } from '../../../domain/contract';
import type { Layout } from './layout';
import { agreement, type Execution } from './sections';
import type { TemplateText } from './text';

export function renderFramework(l: Layout, r: FrameworkContract, e: Execution, t: TemplateText): void {
	agreement(l, r, e, t);
}
