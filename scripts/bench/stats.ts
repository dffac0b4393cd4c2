// Benchmark arithmetic and rows: medians, percentiles, timing, and the row every bench script reports.
export type BenchRow = { name: string; value: number; unit: string; target?: string };

export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function median(values: number[]): number {
	return percentile(values, 50);
}

/** The p-th percentile by linear interpolation between the nearest ranks (p in 0…100). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) throw new Error('percentile of nothing');
	const s = [...values].sort((a, b) => a - b);
	const at = (p / 100) * (s.length - 1);
	const lo = Math.floor(at);
	const hi = Math.ceil(at);
	return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
	const t0 = performance.now();
	const value = await fn();
	return [performance.now() - t0, value];
}
