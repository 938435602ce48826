// Civil (time-zone-free) calendar dates and their arithmetic, on a proleptic Gregorian calendar.
// Day numbers count days since 1970-01-01, which makes date arithmetic plain integer arithmetic.

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
export function civilMs(date: CivilDate, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not remap years 0–99 to 1900–1999.
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

export function dayNumber(date: CivilDate): number {
  return Math.floor(civilMs(date) / DAY_MS);
}

export function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day: 1 };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return dayNumber(a) - dayNumber(b);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function formatDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatMonth(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}`;
}

/** Parses `YYYY-MM-DD`, rejecting dates that do not exist (2026-02-30). */
export function parseDate(text: string): CivilDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = fromDayNumber(dayNumber(date));
  return roundTrip.month === date.month && roundTrip.day === date.day ? date : undefined;
}

/** Parses `YYYY-MM` into the first day of that month. */
export function parseMonth(text: string): CivilDate | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month, day: 1 } : undefined;
}

/** ISO 8601 week-numbering year and week of the week that contains `date`. */
export function isoWeek(date: CivilDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const week = Math.floor((dayNumber(thursday) - dayNumber({ year: thursday.year, month: 1, day: 1 })) / 7) + 1;
  return { year: thursday.year, week };
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1];
}

/** `22 Nov 2026`: fixed English so labels do not depend on the host locale. */
export function formatDay(date: CivilDate): string {
  return `${date.day} ${monthName(date.month).slice(0, 3)} ${date.year}`;
}
