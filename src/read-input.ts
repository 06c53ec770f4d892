/**
 * Reading what users map into input fields: Zapier hands mapped values over as text, so numbers and
 * booleans are read leniently and a value that cannot be used is reported before any request is made.
 */
import type { ZObject } from 'zapier-platform-core';
import { DateInputError, toApiDate } from './dates';

/**
 * Amount and date fields are plain text fields that the app reads itself: on a `number` or
 * `datetime` field Zapier coerces before perform runs ("abc" → 0, "12,50" → 12, unreadable text →
 * now, 01/02/2026 → January 2), so the app could neither refuse nor read them right. What the app
 * accepts, for help texts and the README:
 */
export const AMOUNT_FORMATS = '1,234.50, 1.234,50 and £12.50 work too';
export const DATE_FORMATS =
  'e.g. 2026-12-01, Dec 1 2026, 1 December 2026, 25/12/2026 or a Unix time; ' +
  '01/02/2026 is refused as ambiguous';

export const invalidInput = (z: ZObject, message: string) =>
  new z.errors.Error(message, 'invalid_input', 400);

/** Trimmed text, or undefined when empty or absent. */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s ? s : undefined;
}

export function requiredText(z: ZObject, value: unknown, label: string): string {
  const s = text(value);
  if (!s) throw invalidInput(z, `${label} is required.`);
  return s;
}

/**
 * A number as users map it: `12.5`, `-10`, `1,234.50`, `£12.50`, and the European `12,50` or
 * `1.234,50`. Anything else is refused rather than guessed: a misread amount is a wrong charge.
 */
export function number(z: ZObject, value: unknown, label: string): number | undefined {
  // A number handed over as one is used as is (1e-7 too); NaN and Infinity are refused like "abc".
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const s = text(value);
  if (s === undefined) return undefined;
  const n = parseAmount(s);
  if (n === undefined) {
    throw invalidInput(z, `${label} must be a number (got "${s}").`);
  }
  return n;
}

export function parseAmount(input: string): number | undefined {
  // currency signs and codes around the number, and spaces inside it (1 234,50)
  const stripped = input
    .replace(/\s+/g, '')
    .replace(/^([-+]?)[^\d.,+-]+/, '$1')
    .replace(/[^\d.,]+$/, '');
  let plain: string;
  if (/^[-+]?\d+(\.\d+)?$/.test(stripped)) plain = stripped;
  else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(stripped))
    plain = stripped.replace(/,/g, ''); // 1,234.50
  else if (/^[-+]?(\d+|\d{1,3}(\.\d{3})+),\d{1,2}$/.test(stripped))
    plain = stripped.replace(/\./g, '').replace(',', '.'); // 1.234,50 / 12,50
  else return undefined;
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}

/** Zapier booleans arrive as true/false or as text ("true", "yes", "no"); empty means the default. */
export function bool(value: unknown, fallback: boolean): boolean {
  return yesNo(value) ?? fallback;
}

/** The words read as yes or no, in any case (a boolean arrives as its text, "true" or "false"). */
const YES_NO = new Map<string | undefined, boolean>([
  ...['true', 'yes', 'y', '1', 'on'].map((word) => [word, true] as const),
  ...['false', 'no', 'n', '0', 'off'].map((word) => [word, false] as const),
]);

/** true / false, or undefined for empty or unrecognised text. */
const yesNo = (value: unknown): boolean | undefined => YES_NO.get(text(value)?.toLowerCase());

/** A yes/no value that will be stored: text that is neither is refused, not read as "no". */
export function strictBool(z: ZObject, value: unknown, label: string): boolean {
  const answer = yesNo(value);
  if (answer === undefined)
    throw invalidInput(z, `${label} must be yes or no (true/false), got "${String(value).trim()}".`);
  return answer;
}

export function date(z: ZObject, value: unknown, label: string): string | undefined {
  try {
    return toApiDate(value);
  } catch (err) {
    if (err instanceof DateInputError) throw invalidInput(z, `${label}: ${err.message}`);
    throw err;
  }
}

/** A loose e-mail check: enough to tell an e-mail from an id. */
export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/**
 * A field of the form a hidden dropdown trigger serves (its own inputData is untyped: the fields
 * belong to the action that shows the dropdown). Own keys only.
 */
export const formValue = (inputData: object, key: string): unknown =>
  Object.getOwnPropertyDescriptor(inputData, key)?.value;

/**
 * The way to find: the one chosen in Find By (its key or label, any case) when its field is filled in,
 * else the first filled field of `filled` (listed in the order the search always preferred), so a step
 * whose Find By was left at its default still finds by the field the user did fill in. Undefined when
 * no field is filled in.
 */
export function findWay<W extends string>(
  z: ZObject,
  value: unknown,
  ways: Readonly<Record<W, string>>,
  filled: Readonly<Record<W, boolean>>,
): W | undefined {
  const wanted = text(value)?.toLowerCase();
  const entries = Object.entries(ways) as Array<[W, string]>;
  const chosen =
    wanted && entries.find(([key, label]) => key.toLowerCase() === wanted || label.toLowerCase() === wanted);
  if (wanted && !chosen)
    throw invalidInput(z, `Find By "${text(value)}" is not one of: ${entries.map(([, l]) => l).join(', ')}.`);
  if (chosen && filled[chosen[0]]) return chosen[0];
  return (Object.keys(filled) as W[]).find((key) => filled[key]);
}
