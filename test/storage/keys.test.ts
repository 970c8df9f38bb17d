import {
  compoundKey,
  decodeKeyPart,
  encodeKeyPart,
  epochMsOfTimeKey,
  invertedTime,
  MAX_KEY_CHARS,
  newestBoundRowKey,
  oldestBoundRowKey,
  splitCompoundKey,
  timeOrderedRowKey,
  utcDay,
} from '../../shared/storage/keys';

// Characters Table Storage forbids in keys, plus our escape and separator characters.
// eslint-disable-next-line no-control-regex -- the control ranges are what is forbidden
const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

describe('key escaping', () => {
  it.each([
    ['plain', 'prod-west', 'prod-west'],
    ['slash', 'kube-system/coredns', 'kube-system%2Fcoredns'],
    ['backslash', 'C:\\pods', 'C:%5Cpods'],
    ['hash', 'pod#1', 'pod%231'],
    ['question mark', 'why?', 'why%3F'],
    ['tab, LF, CR', 'a\tb\nc\rd', 'a%09b%0Ac%0Dd'],
    ['NUL and U+001F', '\u0000x\u001f', '%00x%1F'],
    ['DEL and C1 range', '\u007f\u0080\u009f', '%7F%80%9F'],
    ['escape char itself', '100%', '100%25'],
    ['separator', 'a|b', 'a%7Cb'],
    ['non-ASCII kept', 'nœud-é', 'nœud-é'],
    ['U+00A0 is allowed', 'a\u00a0b', 'a\u00a0b'],
  ])('%s', (_label, raw, encoded) => {
    expect(encodeKeyPart(raw)).toBe(encoded);
    expect(FORBIDDEN.test(encodeKeyPart(raw))).toBe(false);
    expect(decodeKeyPart(encodeKeyPart(raw))).toBe(raw);
  });

  it('round-trips every code point up to U+00FF', () => {
    const all = Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)).join('');
    expect(FORBIDDEN.test(encodeKeyPart(all))).toBe(false);
    expect(decodeKeyPart(encodeKeyPart(all))).toBe(all);
  });

  it('splits a compound key back into its raw parts', () => {
    const parts = ['prod|west', 'ns/a', 'pod#?'];
    expect(splitCompoundKey(compoundKey(...parts))).toEqual(parts);
  });

  it('shortens keys over the limit deterministically', () => {
    const long = compoundKey('c', 'x'.repeat(600));
    expect(long.length).toBe(MAX_KEY_CHARS);
    expect(compoundKey('c', 'x'.repeat(600))).toBe(long);
    expect(compoundKey('c', 'x'.repeat(601))).not.toBe(long);
  });
});

describe('time keys', () => {
  it('inverts epoch milliseconds so later sorts first', () => {
    const earlier = Date.parse('2024-05-01T00:00:00Z');
    expect(invertedTime(earlier)).toBe(String(9_999_999_999_999 - earlier).padStart(13, '0'));
    expect(invertedTime(earlier + 1) < invertedTime(earlier)).toBe(true);
    expect(epochMsOfTimeKey(timeOrderedRowKey(earlier, 'e/1'))).toBe(earlier);
  });

  it('bounds an inclusive from and an exclusive to', () => {
    const from = Date.parse('2024-05-01T00:00:00Z');
    const to = from + 1000;
    const key = (ms: number) => timeOrderedRowKey(ms, 'id');
    const inside = (ms: number) =>
      key(ms) >= newestBoundRowKey(to) && key(ms) < oldestBoundRowKey(from);
    expect([from - 1, from, to - 1, to].map(inside)).toEqual([false, true, true, false]);
  });

  it('formats UTC days', () => {
    expect(utcDay(Date.parse('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29');
    expect(utcDay(Date.parse('2024-03-01T00:30:00+01:00'))).toBe('2024-02-29');
  });
});
