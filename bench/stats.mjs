// Order statistics over plain arrays of numbers (a sorted copy is made; input is left alone).

function sorted(values) {
  return Float64Array.from(values).sort();
}

/** Nearest-rank percentile, p in [0, 100]; NaN for no values. */
export function percentile(values, p) {
  const ordered = sorted(values);
  if (ordered.length === 0) return Number.NaN;
  const rank = Math.min(ordered.length, Math.max(1, Math.ceil((p / 100) * ordered.length)));
  return ordered[rank - 1];
}

/** The middle value, or the mean of the two middle values. */
export function median(values) {
  const ordered = sorted(values);
  const n = ordered.length;
  if (n === 0) return Number.NaN;
  const middle = Math.floor(n / 2);
  return n % 2 === 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

export function summarize(values) {
  const ordered = sorted(values);
  return {
    count: ordered.length,
    p50: percentile(ordered, 50),
    p99: percentile(ordered, 99),
    max: ordered.length > 0 ? ordered[ordered.length - 1] : Number.NaN,
  };
}
