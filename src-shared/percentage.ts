/**
 * The one rule for a job's percentage over time (docs/progress-estimate.md): it only rises, and once it is a
 * number it never goes back to "not known yet" (null). Main's job records and the renderer's store both keep it.
 */

/** True when `next` would move the bar backwards from `previous`: lower, or back to not known. */
export function percentageFalls(previous: number | null, next: number | null): boolean {
  return previous !== null && (next === null || next < previous);
}

/** The percentage to keep after `next` arrives: `next`, unless it would move the bar backwards. */
export function percentageAfter(previous: number | null, next: number | null): number | null {
  return percentageFalls(previous, next) ? previous : next;
}
