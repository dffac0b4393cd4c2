// Defers work until the browser has painted the current screen: what is not needed for the first look waits a frame.

/** Runs `fn` after the next paint (a frame, then a task); returns the cancel. Hidden tabs paint no frames: a timer stands in. */
export function afterFirstPaint(fn: () => void, fallbackMs = 250): () => void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		fn();
	};
	let inner: ReturnType<typeof setTimeout> | undefined;
	const frame =
		typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (inner = setTimeout(run))) : 0;
	const fallback = setTimeout(run, fallbackMs);
	return () => {
		done = true;
		if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
		clearTimeout(inner);
		clearTimeout(fallback);
	};
}
