/** Small vector helpers. Vectors are L2-normalised, so a dot product is the cosine. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, bOffset = 0): number {
  if (a instanceof Float32Array && b instanceof Float32Array) return dotF32(a, b, bOffset);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[bOffset + i]!;
  return sum;
}

/** The same on float arrays, four sums at a time: every question scores every sentence with it. */
function dotF32(a: Float32Array, b: Float32Array, bOffset: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = bOffset + i;
    s0 += a[i]! * b[j]!;
    s1 += a[i + 1]! * b[j + 1]!;
    s2 += a[i + 2]! * b[j + 2]!;
    s3 += a[i + 3]! * b[j + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[bOffset + i]!;
  return s0 + s1 + s2 + s3;
}
