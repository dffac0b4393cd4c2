// Chinese line breaking (禁则) of template 2026.3: 2026.2's rules, with runs of letters of every script the complete face sets.
import { breakLines as breakLinesWith, type Measure, type Segment, segments as segmentsWith } from '../2026.2/lineBreak';

export { CLOSING, type Measure, OPENING, type Segment, splitLong } from '../2026.2/lineBreak';

// Runs of these stay whole: numbers (1,234.56), words (Straße, Øresund, Ελλάδα too: the complete face sets them),
// domains, e-mails, order ids, filing numbers' digits.
const RUN = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Mn}0-9._@\-/:%+#&=~,'*$]/u;

/** Glues closing marks to what precedes them and opening marks to what follows, giving unbreakable segments. */
export const segments = (text: string, measure: Measure): Segment[] => segmentsWith(text, measure, RUN);

/**
 * Breaks text into lines no wider than maxWidth (trailing spaces hang in the margin).
 * Joining the lines gives the text back exactly.
 */
export const breakLines = (text: string, maxWidth: number, measure: Measure): string[] => breakLinesWith(text, maxWidth, measure, RUN);
