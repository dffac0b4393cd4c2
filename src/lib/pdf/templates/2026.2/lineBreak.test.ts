// Line breaking of 2026.2 (2026.1's): table cases for the punctuation rules and runs, and properties over random mixed text.
import { describeLineBreak } from '../../../../../tests/support/lib/pdf/line-break';
import { breakLines } from './lineBreak';

describeLineBreak('2026.2', breakLines);
