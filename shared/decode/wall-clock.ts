/**
 * Wall-clock parsing for syslog-style timestamps that lack a year or use local month names.
 * Node logs are taken as UTC (AKS nodes run in UTC); a zone printed in the line wins.
 */

// English first; then the abbreviations of the locales seen in real node logs (ru, de, fr, es,
// pt, it). Lower-cased, without trailing dots. CJK months ("9月") are read by number instead.
const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  ['jan', 'feb', 'mär', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'],
  ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
];
for (const names of MONTH_NAMES) {
  names.forEach((name, index) => {
    if (!(name in MONTHS)) MONTHS[name] = index;
  });
}
MONTHS['май'] = 4;

/** Month index (0–11) of a month token in any supported language, or null. */
export function monthIndex(token: string): number | null {
  const cjk = /^(\d{1,2})月$/.exec(token);
  if (cjk) {
    const month = Number(cjk[1]) - 1;
    return month >= 0 && month < 12 ? month : null;
  }
  const key = token.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? null;
}

const DAY_MS = 86_400_000;

/**
 * Latest time the store can key (keys hold 13-digit epoch milliseconds, year 2286). A time
 * outside 1970..2286 (Go's zero time `0001-01-01`, a garbage epoch) is treated as unreadable
 * rather than letting one line fail a whole batch at storage.
 */
const LATEST_MS = 9_999_999_999_999;

/** The ISO form of epoch milliseconds the store can key, else null. */
export function isoFromStorableMs(ms: number): string | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= LATEST_MS ? new Date(ms).toISOString() : null;
}

/**
 * Builds an ISO time for a yearless syslog date. The year is the reference's, moved back one
 * when that would put the line more than a day in the future (a December line read in
 * January) and forward one when it would put it eleven months in the past (clock skew).
 */
export function isoFromYearless(
  month: number,
  day: number,
  clock: string,
  reference: Date,
): string | null {
  const year = reference.getUTCFullYear();
  let candidate = utcFromParts(year, month, day, clock);
  if (candidate === null) return null;
  if (candidate - reference.getTime() > DAY_MS) {
    candidate = utcFromParts(year - 1, month, day, clock);
  } else if (reference.getTime() - candidate > 335 * DAY_MS) {
    candidate = utcFromParts(year + 1, month, day, clock);
  }
  return candidate === null ? null : isoFromStorableMs(candidate);
}

/** Builds an ISO time from a full date (dmesg -T); null when any part is out of range. */
export function isoFromParts(year: number, month: number, day: number, clock: string) {
  const ms = utcFromParts(year, month, day, clock);
  return ms === null ? null : isoFromStorableMs(ms);
}

function utcFromParts(year: number, month: number, day: number, clock: string): number | null {
  const match = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/.exec(clock);
  if (!match || day < 1 || day > 31) return null;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59 || seconds > 60) return null;
  const millis = match[4] ? Number(match[4].padEnd(3, '0').slice(0, 3)) : 0;
  const ms = Date.UTC(year, month, day, hours, minutes, seconds, millis);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** Parses an ISO-8601 / RFC 3339 timestamp (also with a space or a +hhmm zone); null if bad. */
export function isoFromIso8601(text: string): string | null {
  const normalised = text
    .replace(' ', 'T')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/,(\d+)/, '.$1');
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(normalised) ? normalised : `${normalised}Z`;
  return isoFromStorableMs(Date.parse(zoned));
}
