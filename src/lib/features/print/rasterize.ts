// Rasterises a stored PDF page by page on the device with pdf.js (loaded only here), with an invisible text layer per page.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { loadContractFonts } from '../../pdf/fonts';
import { unaliasedFace } from '../../pdf/textFace';

/** 200 dpi: sharp 10.5 pt CJK strokes on paper, while one A4 canvas stays ~15 MB (phones have little memory). */
export const PRINT_DPI = 200;

export type RasterPage = {
	/** 1-based page number. */
	number: number;
	/** Page size in PDF points (1/72 in). */
	widthPt: number;
	heightPt: number;
	/** Object URL of the page's PNG; revoke with releasePages(). */
	imageUrl: string;
	/** pdf.js text layer: transparent, positioned text, so the printed copy stays searchable and selectable. */
	textLayer: HTMLDivElement;
};

export type RasterProgress = { done: number; total: number };

/** CSS family of the text layer: the contract's own font, so every character of the document has a glyph to print. */
const TEXT_FAMILY = 'ContractDeskText';
let textFont: Promise<boolean> | undefined;

/**
 * Loads the contract font (precached) for the text layer. A system font may lack the rare characters of a name,
 * and a glyph-less character would be printed as an unmapped box and lost from the copy's text.
 * Resolves false when it cannot be loaded: the text layer then falls back to the system's fonts.
 */
function loadTextFont(): Promise<boolean> {
	textFont ??= (async () => {
		try {
			// Today's regular face (complete once its rest is on the device), with one code point per glyph so the
			// printout's text reads 生成, not the Kangxi radical twin ⽣成 (textFace.ts).
			const face = new FontFace(
				TEXT_FAMILY,
				unaliasedFace((await loadContractFonts()).regular) as Uint8Array<ArrayBuffer>
			);
			document.fonts.add(await face.load());
			return true;
		} catch {
			textFont = undefined;
			return false;
		}
	})();
	return textFont;
}

/** A canvas as PNG; toBlob is asynchronous so a long document does not freeze the page. */
function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob returned nothing'))), 'image/png')
	);
}

/**
 * Renders every page of `data` in order, calling `onPage` as each one is ready. Stops early (and destroys the
 * document) when `signal` aborts. Throws pdf.js's error for a file it cannot read.
 */
export async function rasterizePdf(
	data: ArrayBuffer,
	onPage: (page: RasterPage, progress: RasterProgress) => void,
	{ dpi = PRINT_DPI, signal }: { dpi?: number; signal?: AbortSignal } = {}
): Promise<number> {
	const pdfjs = await import('pdfjs-dist');
	pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
	// No eval (a strict CSP forbids it) and nothing fetched: our PDFs embed their fonts, so neither standard
	// fonts nor CMaps are needed, and the view works offline from the precache alone.
	const task = pdfjs.getDocument({
		data: new Uint8Array(data),
		isEvalSupported: false,
		useSystemFonts: false,
		stopAtErrors: true
	});
	const [doc, haveFont] = await Promise.all([task.promise, loadTextFont()]);
	try {
		const total = doc.numPages;
		for (let n = 1; n <= total; n++) {
			if (signal?.aborted) break;
			const page = await doc.getPage(n);
			const base = page.getViewport({ scale: 1 });
			const viewport = page.getViewport({ scale: dpi / 72 });
			const canvas = document.createElement('canvas');
			canvas.width = Math.ceil(viewport.width);
			canvas.height = Math.ceil(viewport.height);
			await page.render({ canvas, viewport, background: '#ffffff' }).promise;
			const png = await canvasPng(canvas);
			// Free the bitmap now rather than at the next GC: a 90-page contract would otherwise hold them all.
			canvas.width = canvas.height = 0;

			const textLayer = document.createElement('div');
			textLayer.className = 'textLayer';
			const content = await page.getTextContent();
			// pdf.js measures each run with this family to stretch it over the drawn glyphs.
			if (haveFont)
				for (const style of Object.values(content.styles)) style.fontFamily = `${TEXT_FAMILY}, ${style.fontFamily}`;
			const text = new pdfjs.TextLayer({ textContentSource: content, container: textLayer, viewport: base });
			await text.render();
			page.cleanup();
			if (signal?.aborted) break;
			onPage(
				{ number: n, widthPt: base.width, heightPt: base.height, imageUrl: URL.createObjectURL(png), textLayer },
				{ done: n, total }
			);
		}
		return total;
	} finally {
		await task.destroy();
	}
}

export function releasePages(pages: readonly RasterPage[]): void {
	for (const page of pages) URL.revokeObjectURL(page.imageUrl);
}
