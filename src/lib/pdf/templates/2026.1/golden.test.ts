// Template CD-FA-2026.1 is frozen: its three example contracts render to exactly the bytes they rendered to when it shipped.
import { describeGolden } from '../../../../../tests/support/lib/pdf/golden';

// Computed from the renderer on main before it moved into this folder (jspdf 4.2.1, qrcode 1.5.4, the
// GBK regular cut and the 2026.1 bold cut of Noto Serif SC 0.4.3 made by subset-font 2.9.0). A change
// here means a registered 2026.1 contract would no longer verify: never update these, fix the cause.
describeGolden('CD-FA-2026.1', { regular: '6d650b60ed4448c599e3b01ccec7b6af1862bd7d382faa343d8842c2a403ca80', bold: 'b8a30e963ec4454e1d10f66053efd69b7922e2d475e91e1c0e64549c3d373681' }, [
	['CD-FA-2026.1', 'framework', '1d683043a17b69043ef1b845a8fcdc7b0b9ad6d11c7b79632e22a3435c7d3256'],
	['CD-FA-2026.1', 'filing', 'f57d6347553c0f976d3e1dc695d3d199b8406eca990b55b5f4a6002d55cc230f'],
	['CD-FA-2026.1', 'order', '4acb8ede970430c6149cbcd73cb53d75ee83c33db5274f4b4cda1090de60476a']
]);
