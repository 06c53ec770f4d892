/** Secrets never leave the app: every message that may reach a user or a log passes through here. */
import type { Bundle } from 'zapier-platform-core';

type AuthData = Bundle['authData'];

export const CENSORED = ':censored:';

/** Copy-paste leaves these around a key: zero-width spaces and joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** The key as the user meant it: no surrounding white space, no invisible characters from copy-paste. */
export function cleanSecret(value: string): string {
  return value.replace(INVISIBLE, '').trim();
}

/** Shorter values would censor ordinary words; no real key or signing secret is this short. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which the connection's secrets may show up in text: as stored, trimmed, cleaned,
 * and escaped inside JSON or a URL (error messages carry JSON; logs carry URLs). Longest first, so
 * a secret that contains another is censored whole.
 */
export function secretForms(authData: AuthData | undefined): string[] {
  const forms = new Set<string>();
  for (const key of ['apiKey', 'webhookSecret'] as const) {
    const secret = authData?.[key];
    if (typeof secret !== 'string') continue;
    for (const base of [secret, secret.trim(), cleanSecret(secret)]) {
      for (const form of [base, JSON.stringify(base).slice(1, -1), safeEncode(base)]) {
        if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
      }
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // a lone surrogate: the raw form is already in the list
  }
}

/** Replaces the given secret forms in a text. */
export function censor(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(CENSORED);
  return out;
}

/** Replaces the connection's secrets in any text that may reach a user or a log. */
export function redact(text: string, authData: AuthData | undefined): string {
  return censor(text, secretForms(authData));
}

/**
 * A copy of `value` with every secret form censored in strings and keys, or `value` itself when
 * nothing needed it (the usual case: nothing is copied). Iterative, so arbitrarily deep answers
 * cannot overflow the stack; shared or cyclic objects are visited once.
 */
export function redactDeep<T>(value: T, forms: readonly string[]): T {
  if (forms.length === 0) return value;
  if (typeof value === 'string') return censor(value, forms) as T;
  if (!value || typeof value !== 'object' || !holdsSecret(value, forms)) return value;

  const copies = new Map<object, Record<string, unknown> | unknown[]>();
  const copyOf = (node: object) => {
    let copy = copies.get(node);
    if (!copy) {
      copy = Array.isArray(node) ? [] : {};
      copies.set(node, copy);
      pending.push(node);
    }
    return copy;
  };
  const pending: object[] = [];
  const root = copyOf(value);
  while (pending.length) {
    const node = pending.pop() as Record<string, unknown>;
    const copy = copies.get(node) as Record<string, unknown>;
    for (const [key, child] of Object.entries(node)) {
      const safe =
        typeof child === 'string'
          ? censor(child, forms)
          : child && typeof child === 'object'
            ? copyOf(child)
            : child;
      copy[Array.isArray(node) ? key : censor(key, forms)] = safe;
    }
  }
  return root as T;
}

/** One pass over a text for every form at once (forms are literal text, escaped for the pattern). */
const matchers = new WeakMap<readonly string[], RegExp>();
function matcherOf(forms: readonly string[]): RegExp {
  let matcher = matchers.get(forms);
  if (!matcher) {
    matcher = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    matchers.set(forms, matcher);
  }
  return matcher;
}

/** Whether any string or key below `value` holds a secret form (iterative, each object once). */
function holdsSecret(value: object, forms: readonly string[]): boolean {
  const matcher = matcherOf(forms);
  const has = (text: string) => matcher.test(text);
  const seen = new Set<object>([value]);
  const pending: object[] = [value];
  while (pending.length) {
    const node = pending.pop() as Record<string, unknown>;
    const array = Array.isArray(node);
    for (const key in node) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
      const child = node[key];
      if ((!array && has(key)) || (typeof child === 'string' && has(child))) return true;
      if (child && typeof child === 'object' && !seen.has(child)) {
        seen.add(child);
        pending.push(child);
      }
    }
  }
  return false;
}

/** Long enough to read, short enough that a 10 MB answer does not become a 10 MB Zapier error. */
export const MAX_MESSAGE = 500;

/** Text from outside (Storeganise's words, a header) made fit for one readable line of an error. */
export function boundText(text: string, max = MAX_MESSAGE): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  // Never cut a surrogate pair in half: the message must stay well-formed text.
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(oneLine[end - 1] ?? '')) end -= 1;
  return `${oneLine.slice(0, end)}…`;
}
