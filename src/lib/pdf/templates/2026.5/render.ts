// Template versions CD-FA, CD-FL and CD-OR-2026.5: 2026.3's layout and fonts over 2026.5's text and typesetting; frozen once released (golden.test.ts).
import type { TemplateRenderer } from '../../types';
import { templateRenderer } from '../2026.3/render';
import { TEXT } from './text';
import { TYPESETTING_2026_5 } from './typesetting';

export const renderer2026_5: TemplateRenderer = templateRenderer('serif-2026.3', TEXT, TYPESETTING_2026_5);
