// Page layout of template 2026.3: 2026.2's, setting lines by 2026.3's line breaking; render.ts gives it the stand-ins of characters outside the BMP (nonBmp.ts).
import { greedyTypesetting, type Typesetting } from '../2026.2/layout';
import { breakLines } from './lineBreak';

export { BODY, type CellLine, type Column, CONTENT_WIDTH, type Face, FAMILY, Layout, PAGE, type Row, type Typesetting } from '../2026.2/layout';

/** The rules of 2026.3 (and 2026.4): greedy lines by 2026.3's line breaking (lineBreak.ts); a name wraps at the body size like any text. */
export const TYPESETTING_2026_3: Typesetting = greedyTypesetting(breakLines);
