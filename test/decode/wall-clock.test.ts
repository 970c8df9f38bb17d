/** Yearless syslog dates, localised month names and ISO-8601 variants. */
import {
  isoFromIso8601,
  isoFromParts,
  isoFromYearless,
  monthIndex,
} from '../../shared/decode/wall-clock';

describe('monthIndex', () => {
  it.each([
    ['Jan', 0],
    ['dec', 11],
    ['Dez', 11],
    ['janv.', 0],
    ['févr.', 1],
    ['мая', 4],
    ['май', 4],
    ['окт', 9],
    ['ago', 7],
    ['9月', 8],
    ['12月', 11],
  ])('%s is month %i', (token, month) => {
    expect(monthIndex(token)).toBe(month);
  });

  it.each(['13月', '8월', 'Αυγ', 'xyz', ''])('%s is not a month', (token) => {
    expect(monthIndex(token)).toBeNull();
  });
});

describe('isoFromYearless', () => {
  it('uses the reference year for a date up to a day ahead of it', () => {
    const reference = new Date('2025-03-10T12:00:00Z');
    expect(isoFromYearless(2, 11, '11:00:00', reference)).toBe('2025-03-11T11:00:00.000Z');
  });

  it('moves a December line read in January back one year', () => {
    const reference = new Date('2026-01-02T03:00:00Z');
    expect(isoFromYearless(11, 31, '23:59:59.5', reference)).toBe('2025-12-31T23:59:59.500Z');
  });

  it('moves a January line read in late December (clock skew) forward one year', () => {
    const reference = new Date('2025-12-31T23:59:00Z');
    expect(isoFromYearless(0, 1, '00:00:30', reference)).toBe('2026-01-01T00:00:30.000Z');
  });

  it('refuses impossible dates and clocks', () => {
    const reference = new Date('2025-03-10T12:00:00Z');
    expect(isoFromYearless(1, 30, '10:00:00', reference)).toBeNull();
    expect(isoFromYearless(1, 3, '24:00:00', reference)).toBeNull();
    expect(isoFromYearless(1, 3, 'noon', reference)).toBeNull();
  });
});

describe('isoFromParts and isoFromIso8601', () => {
  it('builds a full date', () => {
    expect(isoFromParts(2024, 1, 29, '01:02:03')).toBe('2024-02-29T01:02:03.000Z');
    expect(isoFromParts(2023, 1, 29, '01:02:03')).toBeNull();
  });

  it.each([
    ['2025-03-04T05:06:07Z', '2025-03-04T05:06:07.000Z'],
    ['2025-03-04 05:06:07', '2025-03-04T05:06:07.000Z'],
    ['2025-03-04T05:06:07,25+0100', '2025-03-04T04:06:07.250Z'],
    ['2025-03-04T05:06:07.123456789-02:00', '2025-03-04T07:06:07.123Z'],
  ])('%s', (text, iso) => {
    expect(isoFromIso8601(text)).toBe(iso);
  });

  it('gives null for text that is not a time', () => {
    expect(isoFromIso8601('yesterday')).toBeNull();
  });
});
