// Templates CD-FA/CD-FL/CD-OR-2026.4 are frozen once released: their example contracts render to exactly these bytes.
import { describeGolden } from '../../../../../tests/support/lib/pdf/golden';

// Computed when the versions were released (jspdf 4.2.1, qrcode 1.5.4, font set serif-2026.3 — shared with
// 2026.3: the complete regular face of Noto Serif SC 0.4.3 cut by subset-font 2.9.0, shipped as core + rest, and
// the 2026.3 bold cut). A change here means registered 2026.4 contracts would no longer verify: never update
// these, make a new version instead. How the face is split may change; the complete face may not.
describeGolden('2026.4', { regular: '8cf794bfcd2f57a89b521d92f6100106c175af34d4232569e33f9effdcee2e6e', bold: '56fcda1809de2d7ae74359c67a0b80838fff3d9b69ebf35f1c7a1351d8190aef' }, [
	['CD-FA-2026.4', 'framework', 'cee256f443838732ac4d04871804182171cc8e451afc6e03b4e023cb9cf6f564'],
	['CD-FL-2026.4', 'filing', 'f52034c4e25d0feca6284244dc3c5957dd8a62fa987e0cb598553d0e0d0c3c8e'],
	['CD-OR-2026.4', 'order', 'd196e8f285555f7ccc7167b32e84e4994105c4bfb5777d6be4255def0de0f546']
]);
