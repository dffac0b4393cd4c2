// Template 2026.3 as a reader and a scanner see it: poppler's layout text, page rasters, metadata and the QR code.
import { describeRender } from '../../../../../tests/support/lib/pdf/render';

describeRender('2026.3');
