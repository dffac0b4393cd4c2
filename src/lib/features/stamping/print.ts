// Prints a stored PDF through the browser's own viewer in a hidden frame; opens it in a tab where that is not possible.

let frame: HTMLIFrameElement | null = null;
let frameUrl: string | null = null;

/**
 * Resolves 'dialog' once the print dialog was asked for, or 'tab' when the document was opened in a new
 * tab instead (some mobile browsers cannot print a framed PDF). One frame is reused: removing it while
 * the dialog is up would cancel the print.
 */
export function printPdf(blob: Blob): Promise<'dialog' | 'tab'> {
	if (frameUrl) URL.revokeObjectURL(frameUrl);
	frameUrl = URL.createObjectURL(blob);
	const url = frameUrl;
	if (!frame || !frame.isConnected) {
		frame = document.createElement('iframe');
		frame.title = 'print';
		frame.tabIndex = -1;
		frame.setAttribute('aria-hidden', 'true');
		frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
		document.body.append(frame);
	}
	const target = frame;
	return new Promise((resolve) => {
		target.onload = () => {
			try {
				target.contentWindow?.focus();
				target.contentWindow?.print();
				resolve('dialog');
			} catch {
				window.open(url, '_blank', 'noopener');
				resolve('tab');
			}
		};
		target.src = url;
	});
}

/** Removes the frame and its object URL (the page that printed is going away). */
export function releasePrintFrame(): void {
	frame?.remove();
	frame = null;
	if (frameUrl) URL.revokeObjectURL(frameUrl);
	frameUrl = null;
}
