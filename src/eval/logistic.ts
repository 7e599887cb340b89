/**
 * L2-regularised logistic regression by Newton's method (IRLS) on standardised features: full-batch and
 * deterministic (no random initialisation, no shuffling), so the same rows always give the same weights.
 */
export interface LogisticFit {
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  iterations: number;
}

export function standardise(rows: readonly number[][]): { mean: number[]; std: number[] } {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= Math.max(1, rows.length);
  for (const r of rows) for (let j = 0; j < d; j++) sq[j]! += (r[j]! - mean[j]!) ** 2;
  // Constant features get std 1 (their weight then stays 0 under L2).
  const std = sq.map((s) => Math.sqrt(s / Math.max(1, rows.length)) || 1);
  return { mean, std };
}

/** Solves A x = b (A symmetric positive definite) by Cholesky. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  l2 = 1,
  maxIterations = 30,
): LogisticFit {
  const { mean, std } = standardise(rows);
  const d = mean.length;
  const n = rows.length;
  const x = rows.map((r) => {
    const z = new Float64Array(d + 1);
    for (let j = 0; j < d; j++) z[j] = (r[j]! - mean[j]!) / std[j]!;
    z[d] = 1; // bias column, not regularised
    return z;
  });
  const w = new Array<number>(d + 1).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j <= d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = p - labels[i]!;
      const h = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j <= d; j++) {
        grad[j]! += g * xi[j]!;
        const hx = h * xi[j]!;
        const row = hess[j]!;
        for (let k = 0; k <= j; k++) row[k]! += hx * xi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[k]![j] = hess[j]![k]!;
    for (let j = 0; j < d; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j]![j]! += l2;
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j <= d; j++) {
      w[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-7) {
      iterations++;
      break;
    }
  }
  return { mean, std, weights: w.slice(0, d), bias: w[d]!, iterations };
}
