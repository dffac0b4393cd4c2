// Detaches one ArrayBuffer at a worker's start, before any code is optimized: see detachEarly.
/**
 * V8 optimizes typed-array code on the assumption that no ArrayBuffer of the isolate has ever been detached, and
 * the first detach (a buffer transferred by postMessage: a server worker's answer, a registered copy's bytes) throws
 * all of it away at once. Measured in Node on the renderer: 101–135 deoptimizations after that first transfer and
 * the next document up to three times slower. Detached here, before the first document, the code is compiled once,
 * for the way it is used. (The render worker's throwaway documents must also go the user's way: render.worker.ts.)
 */
export function detachEarly(): void {
	const buffer = new ArrayBuffer(1);
	structuredClone(buffer, { transfer: [buffer] });
}
