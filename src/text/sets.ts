/** Sets of terms compared. */
/** Share of the smaller term set that the other one has too. */
export function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}
