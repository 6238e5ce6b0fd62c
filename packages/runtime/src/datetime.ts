/** The first and last instants a dateTime may name: years 0001 to 9999 in UTC. */
export const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
export const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * xsd:dateTime (XML Schema 1.1 part 2, §3.3.7), which RFC 7643 §2.3.5 requires of every dateTime
 * value: `YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?`, for the instants from year 0001 to 9999 (UTC).
 * xsd also allows negative and longer years; they are refused because SQLite (text) and
 * PostgreSQL (timestamptz) would order them differently, or not at all.
 * `Date.parse` is not used because it accepts far more ("March 7, 2020", "2020-03-07" without a
 * time) and costs more than reading the digits.
 */
export function isDateTime(text: string): boolean {
  for (let i = 0; i < 4; i++) if (!isDigit(text.charCodeAt(i))) return false;
  let i = 4;
  if (text.charCodeAt(i) !== MINUS) return false;
  // Year 0000 is before the first instant; years 0001 and 9999 are checked as instants at the end.
  const edgeYear = text.startsWith('0001') || text.startsWith('9999');
  if (text.startsWith('0000')) return false;
  const month = twoDigits(text, i + 1);
  if (month < 1 || month > 12 || text.charCodeAt(i + 3) !== MINUS) return false;
  const day = twoDigits(text, i + 4);
  if (day < 1 || day > daysIn(month) || text.charCodeAt(i + 6) !== T) return false;
  if (month === 2 && day === 29 && !isLeapYear(text, 0, 4)) return false;
  const hour = twoDigits(text, i + 7);
  if (hour < 0 || hour > 24 || text.charCodeAt(i + 9) !== COLON) return false;
  const minute = twoDigits(text, i + 10);
  if (minute < 0 || minute > 59 || text.charCodeAt(i + 12) !== COLON) return false;
  const second = twoDigits(text, i + 13);
  if (second < 0 || second > 59) return false;
  i += 15;
  let fractionZero = true;
  if (text.charCodeAt(i) === DOT) {
    const start = ++i;
    while (isDigit(text.charCodeAt(i))) {
      if (text.charCodeAt(i) !== ZERO) fractionZero = false;
      i++;
    }
    if (i === start) return false;
  }
  // 24:00:00 is the end of the day, and nothing past it.
  if (hour === 24 && (minute !== 0 || second !== 0 || !fractionZero)) return false;
  if (edgeYear && !withinInstants(text)) return false;
  if (i === text.length) return true;
  const zone = text.charCodeAt(i);
  if (zone === Z) return i + 1 === text.length;
  if (zone !== PLUS && zone !== MINUS) return false;
  const zoneHour = twoDigits(text, i + 1);
  const zoneMinute = twoDigits(text, i + 4);
  return (
    i + 6 === text.length &&
    text.charCodeAt(i + 3) === COLON &&
    zoneHour >= 0 &&
    zoneMinute >= 0 &&
    zoneMinute <= 59 &&
    (zoneHour < 14 || (zoneHour === 14 && zoneMinute === 0))
  );
}

/** An offset or 24:00 can carry a first- or last-year value out of range; the instant decides. */
function withinInstants(text: string): boolean {
  const instant = Date.parse(text);
  return !Number.isNaN(instant) && instant >= FIRST_INSTANT && instant <= LAST_INSTANT;
}

const ZERO = 48;
const MINUS = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= ZERO + 9;
}

/** The number in two digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO;
  const b = text.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The most days a month has (29 for February; leap years are checked only for the 29th). */
function daysIn(month: number): number {
  if (month === 2) return 29;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether the year written in text[start, end) is a leap year; read modulo 400, exact however long. */
function isLeapYear(text: string, start: number, end: number): boolean {
  let year = 0;
  for (let i = start; i < end; i++) year = (year * 10 + text.charCodeAt(i) - ZERO) % 400;
  return year % 4 === 0 && (year % 100 !== 0 || year === 0);
}
