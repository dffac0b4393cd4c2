// Templates CD-FA/CD-FL/CD-OR-2026.2 are frozen once released: their example contracts render to exactly these bytes.
import { describeGolden } from '../../../../../tests/support/lib/pdf/golden';

// Computed when the versions were released (jspdf 4.2.1, qrcode 1.5.4, font set serif-2026.2: the GBK
// regular cut and the 2026.2 bold cut of Noto Serif SC 0.4.3 by subset-font 2.9.0). A change here means
// registered 2026.2 contracts would no longer verify: never update these, make a new version instead.
describeGolden('2026.2', { regular: '6d650b60ed4448c599e3b01ccec7b6af1862bd7d382faa343d8842c2a403ca80', bold: '56fcda1809de2d7ae74359c67a0b80838fff3d9b69ebf35f1c7a1351d8190aef' }, [
	['CD-FA-2026.2', 'framework', 'ad554c1ec87f38a2f8bb2ecd53c4853c2363fc1a890a3e90bfaded62e2bc6c77'],
	['CD-FL-2026.2', 'filing', '3f2b21c35ffddde7fd5923573a8156e852bf01cb7526b141c20c6eebf7fa7c80'],
	['CD-OR-2026.2', 'order', '2ead5881a02ec21975bbbd98d65ce37c7e2af41ef8dfcc904a3a2bbc3d317a29']
]);
