// Templates CD-FA/CD-FL/CD-OR-2026.3 are frozen once released: their example contracts render to exactly these bytes.
import { describeGolden } from '../../../../../tests/support/lib/pdf/golden';

// Computed when the versions were released (jspdf 4.2.1, qrcode 1.5.4, font set serif-2026.3: the complete
// regular face of Noto Serif SC 0.4.3 cut by subset-font 2.9.0 — shipped as core + rest, put back together byte
// for byte — and the 2026.3 bold cut). A change here means registered 2026.3 contracts would no longer verify:
// never update these, make a new version instead. How the face is split may change; the complete face may not.
describeGolden('2026.3', { regular: '8cf794bfcd2f57a89b521d92f6100106c175af34d4232569e33f9effdcee2e6e', bold: '56fcda1809de2d7ae74359c67a0b80838fff3d9b69ebf35f1c7a1351d8190aef' }, [
	['CD-FA-2026.3', 'framework', 'b1fb318aea8c621e058ba284d27aab663823af4d3b71056c4c007874c0e226e9'],
	['CD-FL-2026.3', 'filing', '2fbd278005ee86ea839992813321403520d1b29525ba74fbeb0ba9a67d0e4b90'],
	['CD-OR-2026.3', 'order', '1fc428830aa587a1fed43ffe9d5d3219f343786b2f76e5ffd7d227a0d6d0779d']
]);
