/**
 * Storeganise localises titles as `{ en: "Padlock", fr: "Cadenas" }`. A Zap step wants one string
 * it can map, so outputs replace every such object with its English text (or its first language).
 * Dates are ISO strings already and stay as they are.
 */

// A curated list, not "any two letters": ids like `{ id: "…" }` or `{ to: "paid" }` must stay objects.
const LANGUAGES = new Set(
  'en fr de es it nl pt ja zh ko sv da nb fi pl cs el hu ro ru tr ar he th vi ms'.split(' '),
);
const LANGUAGE_KEY = /^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$/;
const isLanguage = (key: string) => LANGUAGES.has(LANGUAGE_KEY.exec(key)?.[1] ?? '');

/** Every key a language and every value text; decided at the first key that is not (most objects: the first). */
export function isLocalised(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  let keys = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (!isLanguage(key) || typeof (value as Record<string, unknown>)[key] !== 'string') return false;
    keys += 1;
  }
  return keys > 0;
}

export function localisedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isLocalised(value)) return undefined;
  return value.en ?? Object.entries(value).find(([k]) => k.startsWith('en'))?.[1] ?? Object.values(value)[0];
}

/** How deep a record may nest before the rest is cut: real records nest a handful of levels. */
export const MAX_DEPTH = 32;
/** What stands where a record nested deeper than MAX_DEPTH (a crafted or broken answer) was cut. */
export const TOO_DEEP = '[nested too deep]';

/**
 * The value with localised objects turned into plain strings, copied only where something changed: a
 * record with nothing to localise is handed back as it is (no copy of a 1 MB answer), and a record
 * with one title copies only the path down to it. Recursion is bounded: anything nested deeper than
 * MAX_DEPTH becomes TOO_DEEP, so no answer can overflow the stack here or in core's serialiser.
 */
export function plain<T>(value: T): T {
  return shaped(value, 0) as T;
}

function shaped(value: unknown, depth: number): unknown {
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = shaped(value[i], depth + 1);
      if (item !== value[i] && !copy) copy = value.slice(0, i);
      copy?.push(item);
    }
    return copy ?? value;
  }
  if (isLocalised(value)) return localisedText(value);
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const child = record[keys[i]];
    const item = shaped(child, depth + 1);
    if (item !== child && !copy) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = record[keys[j]];
    }
    if (copy) copy[keys[i]] = item;
  }
  return copy ?? value;
}
