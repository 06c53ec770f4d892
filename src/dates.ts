/**
 * Dates as users map them into a Zap (ISO timestamps, `2026-12-01`, `Dec 1 2026`, `1 December 2026`,
 * Zapier's `{{zap_meta_human_now}}`…) become the `YYYY-MM-DD` the Storeganise API takes.
 *
 * - A value that starts with an ISO date keeps that calendar date as written (no time-zone shift:
 *   `2026-12-01T23:30:00-05:00` is the 1st, which is what the user sees in the previous step).
 * - `d/m/yyyy` and `m/d/yyyy` are accepted only when unambiguous (one part above 12); `01/02/2026`
 *   is refused with a message rather than guessed.
 * - Anything else goes through `Date.parse`; its calendar date is read in the runtime's zone, which
 *   for date-only text ("Dec 1 2026") is exactly the date written.
 */

export class DateInputError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(year: number, month: number, day: number, raw: string): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new DateInputError(`"${raw}" is not a real calendar date.`);
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** `YYYY-MM-DD`, or undefined for an empty value; throws DateInputError for text that is not a date. */
export function toApiDate(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = String(value).trim();
  if (!raw) return undefined;

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(raw);
  if (iso) return ymd(+iso[1], +iso[2], +iso[3], raw);

  const ymdSlash = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(raw);
  if (ymdSlash) return ymd(+ymdSlash[1], +ymdSlash[2], +ymdSlash[3], raw);

  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(raw);
  if (slashed) {
    const [a, b, year] = [+slashed[1], +slashed[2], +slashed[3]];
    if (a > 12 && b <= 12) return ymd(year, b, a, raw); // day first
    if (b > 12 && a <= 12) return ymd(year, a, b, raw); // month first
    if (a === b) return ymd(year, a, b, raw);
    throw new DateInputError(
      `"${raw}" could be day-first or month-first. Use YYYY-MM-DD (e.g. ${year}-${pad(b)}-${pad(a)}).`,
    );
  }

  // Month names (`Dec 1 2026`, `1 December 2026`, Zapier's `Mon, 30 Nov 2026 17:00:00 -0800`):
  // the date as written, whatever time and offset follow.
  const named = monthNamed(raw);
  if (named) return ymd(named.year, named.month, named.day, raw);

  if (/^\d{10}(\d{3})?$/.test(raw)) {
    const d = new Date(raw.length === 10 ? +raw * 1000 : +raw);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }

  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed)) {
    throw new DateInputError(`"${raw}" is not a date Storeganise can use. Use YYYY-MM-DD, e.g. 2026-12-01.`);
  }
  const d = new Date(parsed);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (name: string) => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 && /^[a-z]+$/i.test(name) ? i + 1 : undefined;
};
const WEEKDAY = String.raw`(?:[A-Za-z]+,?\s+)?`;
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
