// Templates CD-FA/CD-FL/CD-OR-2026.5 are frozen once released: their example contracts render to exactly these bytes.
import { describeGolden } from '../../../../../tests/support/lib/pdf/golden';

// Computed when the versions were released (jspdf 4.2.1, qrcode 1.5.4, font set serif-2026.3 — shared with
// 2026.3 and 2026.4: the complete regular face of Noto Serif SC 0.4.3 cut by subset-font 2.9.0, shipped as core +
// rest, and the 2026.3 bold cut). A change here means registered 2026.5 contracts would no longer verify: never
// update these, make a new version instead. How the face is split may change; the complete face may not.
describeGolden(
	'2026.5',
	{
		regular: '8cf794bfcd2f57a89b521d92f6100106c175af34d4232569e33f9effdcee2e6e',
		bold: '56fcda1809de2d7ae74359c67a0b80838fff3d9b69ebf35f1c7a1351d8190aef'
	},
	[
		['CD-FA-2026.5', 'framework', 'c705de41ab57e4f5077f1f75a8065403e118501ccdb30e8cb06381579a467b2a'],
		['CD-FL-2026.5', 'filing', '0e0bc40f90d3e3c8fa98ac5325edb919cedd96ab55f7531c162938c4afad20cd'],
		['CD-OR-2026.5', 'order', '5aa89e153dfbb5190f367366362db8bc3ec1f217f10c9884ab354aa4aaaff7d8']
	]
);
