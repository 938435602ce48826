// Wall-clock readings in an IANA time zone, through Intl.DateTimeFormat only (web-safe, uses the runtime's tz data).
import { civilMs, type CivilDate } from './calendar';

export class BudgetError extends Error {
  override name = 'BudgetError';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new BudgetError(`Unknown time zone "${timeZone}": use an IANA name such as "Europe/London"`);
    }
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant` (ms), as if that reading were UTC, to the second. */
export function wallMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const date = { year: fields.year, month: fields.month, day: fields.day };
  return civilMs(date, fields.hour, fields.minute, fields.second);
}

/** The local calendar date in `timeZone` at `instant`. */
export function localDate(instant: number, timeZone: string): CivilDate {
  const wall = new Date(wallMs(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function offsetMs(instant: number, timeZone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  return wallMs(second, timeZone) - second;
}

/**
 * The first instant at which the clock in `timeZone` reads `wall` (a wall-clock reading as UTC ms) or later.
 * When that reading happens twice (clocks go back) this is the first time; when it never happens (clocks go
 * forward over it) this is the instant of the jump, so a day whose midnight is skipped starts when it begins.
 */
export function instantOfWall(wall: number, timeZone: string): number {
  // Offsets lie within −12 h … +14 h, so the instant lies in this window; the offsets at its edges are the
  // offsets before and after any transition near `wall`.
  const before = offsetMs(wall - 15 * 3_600_000, timeZone);
  const after = offsetMs(wall + 15 * 3_600_000, timeZone);
  const matches = [wall - before, wall - after].filter((instant) => offsetMs(instant, timeZone) === wall - instant);
  if (matches.length > 0) return Math.min(...matches);
  // Skipped reading: the clock is monotonic across a forward jump, so bisect for the first instant at or past it.
  let low = wall - after; // reads earlier than `wall`
  let high = wall - before; // reads later than `wall`
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (wallMs(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

// Day starts are fixed by the tz data, and each costs several formatter calls; hot callers (the quota check) ask
// for the same few days over and over.
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 10_000;

/** The instant the local day `date` begins in `timeZone`. */
export function startOfDay(date: CivilDate, timeZone: string): number {
  const wall = civilMs(date);
  const key = `${timeZone}|${wall}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = instantOfWall(wall, timeZone);
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}
