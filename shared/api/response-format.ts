/**
 * Picks JSON or CSV for an event listing: `format=` wins; otherwise the Accept header's
 * preference (RFC 9110 §12.5.1 quality values), JSON on a tie or when neither is named.
 */

/** The formats a listing can be written in. */
export type ListFormat = 'json' | 'csv';

/** The format of a response, from `format=` and the Accept header. */
export function chooseListFormat(
  format: ListFormat | undefined,
  accept: string | null,
): ListFormat {
  if (format !== undefined) return format;
  if (accept === null) return 'json';
  const csv = quality(accept, 'text', 'csv');
  const json = quality(accept, 'application', 'json');
  return csv > json ? 'csv' : 'json';
}

/** The quality the Accept header gives `type/subtype`: most specific range wins; 0 if none. */
function quality(accept: string, type: string, subtype: string): number {
  let best = { specificity: -1, q: 0 };
  for (const range of accept.split(',')) {
    const [media = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const [rangeType, rangeSubtype] = media.split('/');
    const specificity =
      rangeType === type && rangeSubtype === subtype
        ? 2
        : rangeType === type && rangeSubtype === '*'
          ? 1
          : rangeType === '*' && rangeSubtype === '*'
            ? 0
            : -1;
    if (specificity <= best.specificity) continue;
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}
