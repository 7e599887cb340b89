/** Share of the smaller term set that the other one has too. */
function overlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/** Term-set overlap above which two texts say the same thing (wire copy, a caption printed twice, a subheading). */
const NEAR_DUPLICATE = 0.8;

/** Whether two texts' term sets make them the same text for a reader: one of them is enough to show. */
export function nearDuplicate(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  return overlap(x, y) >= NEAR_DUPLICATE;
}
