// Fits an estimate's per-kind ratios to o200k_base: least squares for truth ≈ Σ counts[kind] × factor[kind] (of
// absolute errors, or with `relative`, of errors relative to the truth, so short texts weigh as much as long), and
// each kind's band from the widest miss among the samples that kind dominates, plus 1 %. Kinds in one of `together`
// share one ratio and band, for labelled sets with too few samples of each to fit them apart. Shared by the
// calibration scripts; the held-back halves are scored only by the tests.
import { type KindCounts, type TextKind, textKinds } from '../core/tokens/scripts';

export interface Row {
  counts: KindCounts;
  truth: number;
}

export function fitRatios(rows: Row[], { relative = false, together = [] as TextKind[][] } = {}): string[] {
  const groupOf = (kind: TextKind) => together.find((group) => group.includes(kind))?.[0] ?? kind;
  const grouped = (counts: KindCounts) => {
    const sums = new Map<TextKind, number>();
    for (const kind of textKinds) sums.set(groupOf(kind), (sums.get(groupOf(kind)) ?? 0) + counts[kind]);
    return sums;
  };
  const groups = [...new Set(textKinds.map(groupOf))].filter((group) =>
    rows.some((row) => grouped(row.counts).get(group)! > 0),
  );
  const n = groups.length;
  const a = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const { counts, truth } of rows) {
    const sums = grouped(counts);
    const weight = relative ? 1 / (truth * truth) : 1;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i][j] += sums.get(groups[i])! * sums.get(groups[j])! * weight;
      a[i][n] += sums.get(groups[i])! * truth * weight;
    }
  }
  // Gauss–Jordan on the normal equations.
  for (let col = 0; col < n; col++) {
    const pivot = a[col][col];
    for (let j = col; j <= n; j++) a[col][j] /= pivot;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const f = a[row][col];
      for (let j = col; j <= n; j++) a[row][j] -= f * a[col][j];
    }
  }
  const factor = new Map(groups.map((group, i) => [group, a[i][n]]));
  const band = new Map(groups.map((group) => [group, { low: Infinity, high: 0 }]));
  for (const { counts, truth } of rows) {
    const sums = grouped(counts);
    const central = groups.reduce((sum, group) => sum + sums.get(group)! * factor.get(group)!, 0);
    const dominant = groups.reduce((best, group) => (sums.get(group)! > sums.get(best)! ? group : best));
    const b = band.get(dominant)!;
    b.low = Math.min(b.low, truth / central);
    b.high = Math.max(b.high, truth / central);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return textKinds.map((kind) => {
    const group = groupOf(kind);
    const f = factor.get(group);
    const b = band.get(group);
    if (f === undefined || b === undefined) return `  ${kind}: no sample: set it by hand`;
    if (b.low === Infinity)
      return `  ${kind}: { factor: ${round(f)} } (no sample dominated by it: set its band by hand)`;
    return `  ${kind}: { factor: ${round(f)}, low: ${round(f * b.low * 0.99)}, high: ${round(f * b.high * 1.01)} },`;
  });
}
