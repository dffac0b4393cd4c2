// Detaches one ArrayBuffer at a worker's start, before any code is optimized: see detachEarly.
/**
 * V8 optimizes typed-array code on the assumption that no ArrayBuffer of the isolate has ever been detached, and
 * the first detach (a buffer transferred by postMessage: every PDF a render worker hands over) deoptimizes all of it
 * at once. Measured in Node on the renderer: 122 deoptimizations after that first transfer and the next document
 * three times slower; on the phone-class CPU the user's second document took 360 ms instead of 100, recompiling
 * on threads that share the phone's CPU with the page. Detached here, before the first document, the code is
 * compiled once, for the way it is used.
 */
export function detachEarly(): void {
	const buffer = new ArrayBuffer(1);
	structuredClone(buffer, { transfer: [buffer] });
}
