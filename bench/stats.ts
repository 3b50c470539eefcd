/** One benchmark result line: {"name","value","unit"} plus "baseline" and "ratio" when a baseline applies. */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

export function emit(name: string, value: number, unit: string, baseline?: number): void {
  const line: BenchLine = { name, value: round(value), unit };
  if (baseline !== undefined) {
    line.baseline = round(baseline);
    line.ratio = round(value / baseline);
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** Progress and context go to stderr, so stdout stays one JSON object a line. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

/** The q-quantile by the nearest-rank method (p99 of 300 samples is the 297th smallest). */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { seconds: (performance.now() - start) / 1000, result };
}
