// Where 乙方's seal area is on a contract page: templates since 2026.2 draw two dashed 45 × 45 mm boxes side by side in the execution block, Party B's on the right (src/lib/pdf/templates/2026.2/sections.ts, execution()).
import { pageContent, pageObjects, type PdfFile } from './pdf-file';

/** 45 mm in points, as the templates compute it. */
export const SEAL_AREA_PT = (45 / 25.4) * 72;
const TOLERANCE = 0.5;

export interface SealArea {
	page: number;
	/** Lower-left x, y, width, height in the page's default user space (points). */
	rect: [number, number, number, number];
}

const NUMBER = String.raw`(-?(?:\d+\.?\d*|\.\d+))`;
const RECT = new RegExp(`${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+re\\b`, 'g');

/**
 * Searches from the last page back (the execution block ends a contract) for a page with two 45 mm boxes and returns
 * the right-hand one. 2026.1 reserves no seal area, so nothing is found and the signature is invisible.
 */
export function findPartyBSealArea(pdf: PdfFile): SealArea | undefined {
	const pages = pageObjects(pdf);
	for (let i = pages.length - 1; i >= 0; i--) {
		const boxes: SealArea['rect'][] = [];
		for (const m of pageContent(pdf, pages[i]!).matchAll(RECT)) {
			const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
			if (Math.abs(Math.abs(w) - SEAL_AREA_PT) > TOLERANCE || Math.abs(Math.abs(h) - SEAL_AREA_PT) > TOLERANCE)
				continue;
			boxes.push([Math.min(x, x + w), Math.min(y, y + h), Math.abs(w), Math.abs(h)]);
		}
		if (boxes.length >= 2) {
			const right = boxes.reduce((a, b) => (b[0] > a[0] ? b : a));
			return { page: pages[i]!, rect: right };
		}
	}
	return undefined;
}
