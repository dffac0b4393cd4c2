// Chinese line breaking (禁则) of template 2026.2: 2026.1's, unchanged.
export { breakLines, CLOSING, type Measure, OPENING, type Segment, segments, splitLong } from '../2026.1/lineBreak';
