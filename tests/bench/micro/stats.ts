// Summaries for the micro-benches: the median of a variant's rounds and their spread.

/** The median of `values` (0 for none). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Run-to-run noise: the range of `values` (max − min) as a share of their median. */
export function spread(values: number[]): number {
  const m = median(values);
  return m === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / m;
}

/** Median, min, max and spread of one variant's rounds. */
export function summarize(values: number[]): {
  median: number;
  min: number;
  max: number;
  spread: number;
} {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    spread: spread(values),
  };
}
