// Template versions CD-FA-2026.4, CD-FL-2026.4 and CD-OR-2026.4: 2026.3's layout and fonts over 2026.4's text; frozen once released (golden.test.ts).
import type { TemplateRenderer } from '../../types';
import { templateRenderer } from '../2026.3/render';
import { TEXT } from './text';

export const renderer2026_4: TemplateRenderer = templateRenderer('serif-2026.3', TEXT);
