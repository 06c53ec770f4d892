/**
 * Dates as users map them into a Zap (ISO timestamps, `2026-12-01`, `Dec 1 2026`, `1 December 2026`,
 * Zapier's `{{zap_meta_human_now}}`…) become the `YYYY-MM-DD` the Storeganise API takes.
 *
 * Always the calendar date as written, whatever time and offset follow it (no time-zone shift:
 * `2026-12-01T23:30:00-05:00` is the 1st, which is what the user sees in the previous step).
 * - A value that starts with a year-first date (`2026-12-01`, `2026/12/01`, `2026.12.01`) is that date.
 * - `d/m/yyyy` and `m/d/yyyy` (also with `-` or `.`, and after a weekday) are accepted only when
 *   unambiguous (one part above 12, or both the same); `01/02/2026` is refused with a message rather
 *   than guessed.
 * - Month names, day first or month first, with an optional weekday: `Tue, 1 Dec 2026`, `Dec. 1st, 2026`.
 * - Anything else goes through `Date.parse`, given the date part only (a time and a zone would make it an
 *   instant, whose calendar date in the runtime's zone is not the one written), and only with a
 *   four-digit year (`Dec 1` would be 2001 and `5/6/26` a guess).
 */

export class DateInputError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');
const utcDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The date, if it is on the calendar: `2026-02-30` is not, and nor is year `0026` (read as 1926). */
function ymd(year: number, month: number, day: number, raw: string): string {
  const written = `${year}-${pad(month)}-${pad(day)}`;
  if (utcDay(new Date(Date.UTC(year, month - 1, day))) !== written) {
    throw new DateInputError(`"${raw}" is not a real calendar date.`);
  }
  return written;
}

/** `YYYY-MM-DD`, or undefined for an empty value; throws DateInputError for text that is not a date. */
export function toApiDate(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = String(value).trim();
  if (!raw) return undefined;

  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[\sT,])/.exec(raw);
  if (yearFirst) return ymd(+yearFirst[1], +yearFirst[2], +yearFirst[3], raw);

  const yearLast = YEAR_LAST.exec(raw);
  if (yearLast) {
    const [a, b, year] = [+yearLast[1], +yearLast[2], +yearLast[3]];
    if (a <= 12 && b <= 12 && a !== b) {
      throw new DateInputError(
        `"${raw}" could be day-first or month-first. Use YYYY-MM-DD (e.g. ${year}-${pad(b)}-${pad(a)}).`,
      );
    }
    return a > 12 ? ymd(year, b, a, raw) : ymd(year, a, b, raw); // day first : month first
  }

  // Month names (`Dec 1 2026`, `1 December 2026`, Zapier's `Mon, 30 Nov 2026 17:00:00 -0800`):
  // the date as written, whatever time and offset follow.
  const named = monthNamed(raw);
  if (named) return ymd(named.year, named.month, named.day, raw);

  if (/^\d{10}(\d{3})?$/.test(raw)) return utcDay(new Date(raw.length === 10 ? +raw * 1000 : +raw));

  // `1-Dec-2026 23:30 -0500` is the 1st, though 04:30 UTC on the 2nd: cut at the time (or a zone).
  const datePart = raw.replace(/\s(?:\d{1,2}:|GMT|UTC)[\s\S]*/, '');
  const parsed = Date.parse(datePart);
  if (!/(?<!\d)\d{4}(?!\d)/.test(datePart) || Number.isNaN(parsed)) {
    throw new DateInputError(`"${raw}" is not a date Storeganise can use. Use YYYY-MM-DD, e.g. 2026-12-01.`);
  }
  // Date-only text is read as local midnight (UTC on Zapier): its local calendar date is the one written.
  const d = new Date(parsed);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** 1 to 12, or 0 for a word that is no month. */
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const WEEKDAY = String.raw`(?:[A-Za-z]+,?\s+)?`;
/** `25/12/2026`, `12-25-2026`, `Fri 25.12.2026 10:00`: the weekday does not let an ambiguous date through. */
const YEAR_LAST = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[\sT,])`);
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:$|[\sT,])`,
);
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:$|[\sT,])`,
);

function monthNamed(raw: string): { year: number; month: number; day: number } | undefined {
  const dayFirst = DAY_FIRST.exec(raw);
  const dm = dayFirst && monthOf(dayFirst[2]);
  if (dayFirst && dm) return { year: +dayFirst[3], month: dm, day: +dayFirst[1] };
  const monthFirst = MONTH_FIRST.exec(raw);
  const mm = monthFirst && monthOf(monthFirst[1]);
  if (monthFirst && mm) return { year: +monthFirst[3], month: mm, day: +monthFirst[2] };
  return undefined;
}

/** The `YYYY-MM-DD` part of a date Storeganise returned (or '' for none), for comparing records. */
export const dayOf = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 10) : '');

/** Today's date in UTC, `YYYY-MM-DD`. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
