/** UTC calendar days as `YYYY-MM-DD` strings: validation, bounds and arithmetic. */

const DAY_MS = 86_400_000;
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown for a day that is not a real `YYYY-MM-DD` calendar date. */
export class InvalidDayError extends Error {
  constructor(readonly day: string) {
    super(`not a calendar day (YYYY-MM-DD): ${day}`);
    this.name = 'InvalidDayError';
  }
}

/** True for a real calendar date written `YYYY-MM-DD` (2024-02-30 is not). */
export function isUtcDay(day: string): boolean {
  if (!DAY_SHAPE.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** Epoch ms of the day's first instant; throws {@link InvalidDayError}. */
export function dayStartMs(day: string): number {
  if (!isUtcDay(day)) throw new InvalidDayError(day);
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The day's half-open bounds `[from, to)`. */
export function dayBounds(day: string): { from: Date; to: Date } {
  const start = dayStartMs(day);
  return { from: new Date(start), to: new Date(start + DAY_MS) };
}

/** The UTC day of an instant. */
export function utcDayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative for before). */
export function addDays(day: string, n: number): string {
  return new Date(dayStartMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both inclusive, oldest first; empty when `to` is before `from`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = dayStartMs(from); ms <= dayStartMs(to); ms += DAY_MS) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}
