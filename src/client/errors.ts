/** How a failed Storeganise answer becomes the Zapier error the user reads (the error table). */
import type { AfterResponseMiddleware, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { businessCode, isOurs, type SgMiddlewareData } from './http';
import { boundText, redact, redactDeep, secretForms } from './redact';
import { textOf } from '../text';

type AuthData = Bundle['authData'];

/**
 * Storeganise's own words from an error body, in the shapes APIs use: `{ error: { message } }`,
 * `{ error: "…" }`, `{ message }`, `{ errors: [{ message }] }`; bounded to one readable line.
 */
export function storeganiseMessage(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const body = data as { error?: unknown; message?: unknown; errors?: unknown };
  // only an object has a message: a string, number or list answers undefined here
  const nested = (body.error as { message?: unknown } | null | undefined)?.message;
  const listed = Array.isArray(body.errors)
    ? body.errors
        .slice(0, 5)
        .map((e: unknown) => textOf(typeof e === 'string' ? e : (e as { message?: unknown } | null)?.message))
        .filter(Boolean)
        .join('; ')
    : undefined;
  const message = textOf(nested) ?? textOf(body.error) ?? textOf(body.message) ?? textOf(listed);
  return message === undefined ? undefined : boundText(message);
}

/** Zapier's cap for a retry delay; a longer wait is not worth holding a Zap run for. */
/**
 * Zapier's own errors (AppError from `z.errors.Error`, ThrottledError, ResponseError) carry their
 * fields as a JSON object in their message. The one reader of that format: the object, or undefined
 * for any other text (past a million characters it is not worth parsing).
 */
export function errorJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{') || text.length > 1_000_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What one of Zapier's errors says: `{ message, code, status }` / `{ message, delay }`, or its text. */
export function errorFields(err: unknown): {
  message: string;
  code?: string;
  status?: number;
  delay?: number;
} {
  const text = typeof (err as Error)?.message === 'string' ? (err as Error).message : String(err);
  const parsed = errorJson(text);
  if (!parsed) return { message: text };
  const { message, code, status, delay } = parsed;
  return {
    message: typeof message === 'string' ? message : text,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof delay === 'number' ? { delay } : {}),
  };
}

export const MAX_RETRY_AFTER = 300;

const DAY = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
/** Two of the three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate and RFC 850, both in GMT (Date.parse). */
const ZONED_DATES = [
  new RegExp(`^(?:${DAY}), \\d{2} (?:${MONTH}) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$`),
  new RegExp(`^(?:${LONG_DAY}), \\d{2}-(?:${MONTH})-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT$`),
];
/** …and asctime, which carries no zone: HTTP dates are UTC, so its fields are read as UTC, not local time. */
const ASCTIME = new RegExp(`^(?:${DAY}) (${MONTH}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);

/** Milliseconds since the epoch of an HTTP date, or undefined when `value` is not one. */
function httpDate(value: string): number | undefined {
  if (ZONED_DATES.some((form) => form.test(value))) return Date.parse(value);
  const asctime = ASCTIME.exec(value);
  if (!asctime) return undefined;
  const [, month, day, hours, minutes, seconds, year] = asctime;
  return Date.UTC(
    Number(year),
    MONTHS.indexOf(month),
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
}

/**
 * Seconds until a retry is allowed, from Retry-After: delta-seconds (digits only) or an HTTP date,
 * clamped to 1–300 s. Anything else (`-1`, `+5`, `1.5`, prose) is undefined: Zapier's default delay.
 */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  let seconds: number;
  if (/^\d+$/.test(value)) seconds = Number(value);
  // not a date (undefined) or a date-shaped impossibility ("Sun, 99 Nov …": NaN) gives NaN: no delay of ours
  else seconds = Math.ceil(((httpDate(value) ?? NaN) - now) / 1000);
  if (Number.isNaN(seconds)) return undefined;
  return Math.min(MAX_RETRY_AFTER, Math.max(1, seconds));
}

function describe(response: HttpResponse): string {
  const data = response.request.middlewareData as SgMiddlewareData | undefined;
  if (data?.what) return data.what;
  const url = response.request.url ?? '';
  const path = url.replace(/^.*?\/v1\/admin\//, '').split('?')[0];
  return `${response.request.method ?? 'GET'} ${path}`;
}

/** Maps a failed Storeganise answer to the Zapier error the user reads (the README's "Errors users read" table). */
export function errorForResponse(z: ZObject, response: HttpResponse, authData: AuthData): Error {
  const status = response.status;
  const sgMessage = storeganiseMessage(response.data);
  const what = describe(response);
  const withDetail = (text: string) =>
    redact(sgMessage ? `${text} Storeganise said: ${sgMessage}` : text, authData);

  if (status === 401) {
    return new z.errors.ExpiredAuthError(
      'Storeganise rejected the API key (401): it is invalid or has been revoked. Reconnect your Storeganise account with a current key from Main Settings > Developer > API keys.',
    );
  }
  if (status === 403) {
    return new z.errors.Error(
      withDetail(
        `Storeganise refused ${what} (403): the API key's role lacks permission for it. Give the key the admin role in Main Settings > Developer > API keys, or reconnect with a key that has it.`,
      ),
      'forbidden',
      403,
    );
  }
  if (status === 404) {
    return new z.errors.Error(
      redact(`${what} was not found in Storeganise business "${safeCode(authData)}".`, authData),
      'not_found',
      404,
    );
  }
  if (status === 429) {
    return new z.errors.ThrottledError(
      'Storeganise is rate limiting requests (429). Zapier will retry this step.',
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }
  if (status >= 500) {
    return new z.errors.Error(
      withDetail(
        `Storeganise is unavailable right now (HTTP ${status}). Try again in a few minutes; if it persists, check https://status.storeganise.com.`,
      ),
      'unavailable',
      status,
    );
  }
  // 400, 409, 422 and any other 4xx: Storeganise's own message says what to fix.
  return new z.errors.Error(
    redact(
      sgMessage
        ? `Storeganise rejected the request (${status}): ${sgMessage}`
        : `Storeganise rejected ${what} (HTTP ${status}).`,
      authData,
    ),
    'invalid_request',
    status,
  );
}

function safeCode(authData: AuthData): string {
  try {
    return businessCode(authData);
  } catch {
    return '?';
  }
}

/** Where a redirect pointed, without query, fragment or credentials: enough to recognise, nothing to leak. */
export function redirectTarget(location: string | null | undefined, from: string | undefined): string {
  if (!location) return 'no address';
  try {
    const url = new URL(location, from);
    return boundText(`${url.origin}${url.pathname}`, 200);
  } catch {
    return 'an address that is not a URL';
  }
}

/**
 * Core keeps a trail of every request ("What happened: … Received content …", up to 100 characters
 * of each answer) and adds it to some errors; a 401 body that echoes the key would carry it there.
 * Each entry is censored once, as soon as the answer that added it is logged: the entries before
 * `censored.get(trail)` were done by an earlier response (the trail only grows), so a delivery's cost
 * stays linear in its requests.
 */
const censored = new WeakMap<unknown[], number>();

export function censorTrail(response: HttpResponse, authData: AuthData): void {
  const input = (response.request as { input?: { _zapier?: { whatHappened?: unknown } } }).input;
  const trail = input?._zapier?.whatHappened;
  if (!Array.isArray(trail)) return;
  const from = censored.get(trail) ?? 0;
  censored.set(trail, trail.length);
  if (from >= trail.length) return;
  const forms = secretForms(authData);
  for (let i = from; i < trail.length; i++) trail[i] = redactDeep(trail[i], forms);
}

/**
 * afterResponse: every Storeganise failure becomes a typed Zapier error before core's generic one.
 * A redirect (never followed: see addStoreganiseHeaders) is an error that names where it pointed.
 */
export const handleStoreganiseErrors: AfterResponseMiddleware = (response, z, bundle) => {
  censorTrail(response, bundle.authData);
  const data = response.request.middlewareData as SgMiddlewareData | undefined;
  if (!data?.storeganise && !isOurs(response.request.url, bundle.authData)) return response;

  if (response.status >= 300 && response.status < 400) {
    throw new z.errors.Error(
      redact(
        `Storeganise answered ${describe(response)} with a redirect (HTTP ${response.status}) to ` +
          `${redirectTarget(response.getHeader('location'), response.request.url)}. Requests with your API key ` +
          'are never sent on to another address, so nothing was sent there. ' +
          `Check that "${safeCode(bundle.authData)}" is your Storeganise business code.`,
        bundle.authData,
      ),
      'redirect',
      response.status,
    );
  }
  if (response.status === 404 && data?.allowNotFound) {
    response.skipThrowForStatus = true;
    return response;
  }
  if (response.status >= 400) throw errorForResponse(z, response, bundle.authData);

  const body = response.content ?? '';
  if (response.data === undefined && body.trim() !== '' && !data?.acceptText) {
    throw new z.errors.Error(
      `Storeganise answered ${describe(response)} with something that is not JSON (content-type: ` +
        `${boundText(response.getHeader('content-type') ?? 'none', 100)}). Check that "${safeCode(bundle.authData)}" ` +
        'is your Storeganise business code.',
      'not_json',
      response.status,
    );
  }
  return response;
};
