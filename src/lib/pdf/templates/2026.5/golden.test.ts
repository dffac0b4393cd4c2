// Templates CD-FA/CD-FL/CD-OR-2026.5 are frozen once released: their example contracts render to exactly these bytes.
import { describeGolden } from '../../test-golden';

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
		['CD-FA-2026.5', 'framework', 'cc6732b5f92f64059a7b6655b4782304cbc598fac56cfc235a0b2c5057dba833'],
		['CD-FL-2026.5', 'filing', '93fd143b2f65d2fc25fe54be2bf49cef528344bb92a929a2284d11ae18b5670d'],
		['CD-OR-2026.5', 'order', 'c872e8d05b9b1b0666ca99d3d3781ae8b02173a62c97999e59b74cc73a3783d1']
	]
);
