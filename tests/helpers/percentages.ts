/** Reading percentages that may not be known yet (a first scan's, before its estimate can be trusted). */

/** Where a percentage sits in time: null (not known yet) before every number; so a rising list never goes back to null. */
export function percentRank(percentage: number | null): number {
  return percentage ?? -1;
}

/** The list as ranks, and the same sorted: equal when it only rises. */
export function risingCheck(percentages: readonly (number | null)[]): { seen: number[]; sorted: number[] } {
  const seen = percentages.map(percentRank);
  return { seen, sorted: [...seen].sort((a, b) => a - b) };
}
