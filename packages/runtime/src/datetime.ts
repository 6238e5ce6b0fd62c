/**
 * xsd:dateTime (XML Schema 1.1 part 2, §3.3.7), which RFC 7643 §2.3.5 requires of every dateTime
 * value: `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?`. `Date.parse` is not used because it accepts
 * far more ("March 7, 2020", "2020-03-07" without a time) and costs more than reading the digits.
 */
export function isDateTime(text: string): boolean {
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const yearStart = i;
  let zeroYear = true;
  for (let digit = text.charCodeAt(i) - ZERO; digit >= 0 && digit <= 9; digit = text.charCodeAt(++i) - ZERO) {
    if (digit !== 0) zeroYear = false;
  }
  const yearDigits = i - yearStart;
  // Four digits at least; more only without a leading zero.
  if (yearDigits < 4 || (yearDigits > 4 && text.charCodeAt(yearStart) === ZERO)) return false;
  if (zeroYear && yearStart === 1) return false; // "-0000" is not a year
  if (text.charCodeAt(i) !== MINUS) return false;
  const month = twoDigits(text, i + 1);
  if (month < 1 || month > 12 || text.charCodeAt(i + 3) !== MINUS) return false;
  const day = twoDigits(text, i + 4);
  if (day < 1 || day > daysIn(month) || text.charCodeAt(i + 6) !== T) return false;
  if (month === 2 && day === 29 && !isLeapYear(text, yearStart, yearStart + yearDigits)) return false;
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
