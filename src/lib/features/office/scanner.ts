// The QR reader of 扫码收件: the browser's BarcodeDetector where it reads QR codes, else the barcode-detector ponyfill (zxing, WebAssembly from our own origin) loaded only here.
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export type QrReader = { detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]> };

type DetectorClass = {
	new (options?: { formats: string[] }): QrReader;
	getSupportedFormats?(): Promise<string[]>;
};

async function native(): Promise<QrReader | null> {
	const Detector = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
	if (!Detector) return null;
	try {
		const formats = (await Detector.getSupportedFormats?.()) ?? [];
		return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
	} catch {
		return null;
	}
}

/** A reader of QR codes; the fallback's code and WebAssembly are fetched on the first call only. */
export async function qrReader(): Promise<QrReader> {
	const own = await native();
	if (own) return own;
	const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
	// Not the CDN zxing-wasm defaults to: the office's policy allows only its own origin.
	prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingWasmUrl : prefix + path)
		}
	});
	return new BarcodeDetector({ formats: ['qr_code'] });
}
