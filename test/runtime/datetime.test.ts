import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateTime } from '../../packages/runtime/src/index.js';

describe('isDateTime (xsd:dateTime, RFC 7643 §2.3.5)', () => {
  it.each([
    '2008-01-23T04:56:22Z',
    '2011-05-13T04:42:34.000Z',
    '2011-05-13T04:42:34.1234567Z',
    '2020-02-29T00:00:00+01:00',
    '2000-02-29T23:59:59-14:00',
    '1999-12-31T24:00:00',
    '2024-06-01T12:00:00',
    '2024-06-01T12:00:00+14:00',
    '0001-01-01T00:00:00Z',
    '0001-01-01T01:00:00+01:00',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T18:59:59-05:00',
  ])('accepts %j', (text) => {
    expect(isDateTime(text)).toBe(true);
  });

  it.each([
    ['no time', '2024-06-01'],
    ['a space for the T', '2024-06-01 12:00:00Z'],
    ['a lower-case t', '2024-06-01t12:00:00Z'],
    ['prose', 'March 7, 2020'],
    ['epoch milliseconds', '1700000000000'],
    ['empty', ''],
    ['three-digit year', '999-01-01T00:00:00Z'],
    ['leading zero on a five-digit year', '02024-01-01T00:00:00Z'],
    ['year minus zero', '-0000-01-01T00:00:00Z'],
    ['a negative year (xsd allows it; the stores cannot order it)', '-0044-03-15T12:00:00Z'],
    ['a five-digit year', '12024-06-01T12:00:00Z'],
    ['an expanded year with a sign', '+010000-01-01T00:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 0001 carried into year 0000 by its offset', '0001-01-01T00:30:00+01:00'],
    ['year 9999 carried into year 10000 by its offset', '9999-12-31T23:00:00-05:00'],
    ['the end of the last day', '9999-12-31T24:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['month 0', '2024-00-01T00:00:00Z'],
    ['day 0', '2024-01-00T00:00:00Z'],
    ['31 April', '2024-04-31T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['29 February 1900', '1900-02-29T00:00:00Z'],
    ['hour 25', '2024-01-01T25:00:00Z'],
    ['24:30', '2024-01-01T24:30:00Z'],
    ['24:00:00.5', '2024-01-01T24:00:00.5Z'],
    ['minute 60', '2024-01-01T12:60:00Z'],
    ['second 60', '2024-01-01T12:00:60Z'],
    ['no seconds', '2024-01-01T12:00Z'],
    ['a dot without digits', '2024-01-01T12:00:00.Z'],
    ['one-digit month', '2024-1-01T12:00:00Z'],
    ['zone without colon', '2024-01-01T12:00:00+0100'],
    ['zone hour 15', '2024-01-01T12:00:00+15:00'],
    ['zone 14:30', '2024-01-01T12:00:00+14:30'],
    ['zone minute 60', '2024-01-01T12:00:00+01:60'],
    ['text after Z', '2024-01-01T12:00:00Zx'],
    ['text after the zone', '2024-01-01T12:00:00+01:00:00'],
    ['full-width digits', '２０２４-01-01T12:00:00Z'],
  ])('rejects %s: %j', (_why, text) => {
    expect(isDateTime(text)).toBe(false);
  });

  it('accepts what Date#toISOString writes for every instant from year 0001 to 9999', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const text = date.toISOString();
          expect(isDateTime(text)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts 29 February exactly in the leap years from 0001 to 9999, and no year outside them', () => {
    const leap = (year: bigint) => year % 4n === 0n && (year % 100n !== 0n || year % 400n === 0n);
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 1n, max: 9999n }), fc.bigInt({ min: 10_000n, max: 10n ** 40n })),
        fc.boolean(),
        (year, negative) => {
          const text = `${negative ? '-' : ''}${String(year).padStart(4, '0')}-02-29T12:00:00Z`;
          expect(isDateTime(text)).toBe(!negative && year <= 9999n && leap(year));
        },
      ),
      { numRuns: 2000 },
    );
    expect(isDateTime('0000-02-29T00:00:00Z')).toBe(false);
    expect(isDateTime('2000-02-30T00:00:00Z')).toBe(false);
  });
});
