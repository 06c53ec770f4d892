/**
 * How a request reaches Storeganise: the base URL, the auth header, paging, and the one send()
 * every request goes through. Endpoint knowledge lives in the resource modules beside this one.
 */
import type {
  BeforeRequestMiddleware,
  Bundle,
  HttpRequestOptions,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import { BusinessCodeError, normaliseBusinessCode } from '../business-code';
import { requestTimeoutMs } from '../time-limit';
import { buildPath, type PathSegment } from './paths';
import { boundText, cleanSecret, redact } from './redact';

/** Overrides the API base for local runs (sandbox, `zapier-platform invoke`). Never a user field. */
export const API_URL_ENV = 'STOREGANISE_API_URL';

/** Page size for list endpoints: what production clients use. */
export const PAGE_SIZE = 1000;

/** Page size for lists asked to embed related records (`include=`): the help centre's best practice. */
export const INCLUDE_PAGE_SIZE = 50;

/** How many records one page of this list holds: 50 when it embeds records, else 1000. */
export const pageSizeFor = (params: Record<string, unknown> = {}) =>
  params.include !== undefined && params.include !== '' ? INCLUDE_PAGE_SIZE : PAGE_SIZE;

type AuthData = Bundle['authData'];

/** What the caller expects back: one record, a list, or nothing it will read. */
export type Shape = 'record' | 'list' | 'any';

export interface SgRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments of the path below /v1/admin/, e.g. `['unit-rentals', id]`; see buildPath. */
  path: readonly PathSegment[];
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Human name of the thing asked for, used in 403/404 messages ("Unit rental ur_1"). */
  what?: string;
  /** Return null on 404 instead of throwing (searches: a miss is not an error). */
  allowNotFound?: boolean;
  /** The answer's expected shape (default: one record); anything else is an `unexpected_response`. */
  expect?: Shape;
}

export interface SgMiddlewareData {
  storeganise: true;
  what?: string;
  allowNotFound?: boolean;
  /** API Request (Beta) hands any successful body on as it is, JSON or not. */
  acceptText?: boolean;
}

export function businessCode(authData: AuthData): string {
  return normaliseBusinessCode(authData.businessCode);
}

/** The connection's business code, or the Zapier error that tells the user what to enter. */
export function connectedBusinessCode(z: ZObject, authData: AuthData): string {
  try {
    return businessCode(authData);
  } catch (err) {
    if (err instanceof BusinessCodeError) throw new z.errors.Error(err.message, 'invalid_business_code', 400);
    throw err;
  }
}

/** `https://{code}.storeganise.com/api`, or the override from STOREGANISE_API_URL. */
export function apiBase(authData: AuthData): string {
  const code = businessCode(authData);
  const override = process.env[API_URL_ENV]?.trim();
  if (override) return override.replace(/\/+$/, '').replace('{code}', code);
  return `https://${code}.storeganise.com/api`;
}

export function adminUrl(authData: AuthData, path: string): string {
  return `${apiBase(authData)}/v1/admin/${path.replace(/^\/+/, '')}`;
}

export function isOurs(url: string | undefined, authData: AuthData): boolean {
  let base: string;
  try {
    base = apiBase(authData);
  } catch {
    return false; // no valid business code: nothing is ours yet
  }
  return !!url && url.startsWith(`${base}/`);
}

/**
 * The API key as it goes in the header: cleaned of what copy-paste adds (white space, zero-width
 * characters, BOM), and refused when it still holds a character no header can carry (node would
 * otherwise throw a TypeError that quotes the whole key).
 */
export function apiKeyForHeader(z: ZObject, authData: AuthData): string {
  const key = cleanSecret(typeof authData.apiKey === 'string' ? authData.apiKey : '');
  if (!key) {
    const message = 'Enter a Storeganise API key (Main Settings > Developer > API keys).';
    throw new z.errors.Error(message, 'missing_api_key', 400);
  }
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new z.errors.Error(
      'The API key contains a character that cannot be sent (a space, a line break or a non-ASCII character ' +
        'such as €). Copy the key again from Main Settings > Developer > API keys and reconnect.',
      'invalid_api_key',
      400,
    );
  }
  return key;
}

/**
 * beforeRequest: the API key goes only to the connected business's API, never to another host
 * (a later step's URL, a file download). Redirects are not followed (afterResponse turns them into
 * an error), so neither the key nor a body is ever re-sent to wherever a redirect points. Core's
 * early 429 handler is turned off so that `afterResponse` can honour Retry-After in both forms.
 */
export const addStoreganiseHeaders: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!isOurs(request.url, bundle.authData)) return request;
  const key = apiKeyForHeader(z, bundle.authData);
  // Core's log scrubber censors the values in authData: it must know the key in the form actually sent
  // (and echoed back), not only as pasted with spaces around it. Only this run's copy changes.
  bundle.authData.apiKey = key;
  request.headers = {
    Accept: 'application/json',
    ...(request.body !== undefined || request.json !== undefined
      ? { 'Content-Type': 'application/json' }
      : {}),
    ...request.headers,
    Authorization: `ApiKey ${key}`,
  };
  const options = request as HttpRequestOptions & { throwForThrottlingEarly?: boolean; redirect?: string };
  options.throwForThrottlingEarly = false;
  options.redirect = 'manual';
  return request;
};

/** Errors raised by core or by our afterResponse: these already say the right thing. */
const ZAPIER_ERRORS = new Set([
  'AppError',
  'ResponseError',
  'ThrottledError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'HaltedError',
  'StopRequestError',
]);

/**
 * The one place a request leaves for Storeganise. Network failures never reach afterResponse,
 * so they are named here: the host only, never the URL's details.
 */
export async function send<T>(
  z: ZObject,
  bundle: Bundle,
  path: readonly PathSegment[],
  options: {
    method: NonNullable<SgRequestOptions['method']>;
    params: Record<string, unknown>;
    body?: unknown;
    middlewareData: SgMiddlewareData;
  },
): Promise<HttpResponse<T>> {
  connectedBusinessCode(z, bundle.authData);
  const url = adminUrl(bundle.authData, buildPath(z, path));
  // what the step has left of its time (src/time-limit.ts): a hung Storeganise ends the step with our words
  const timeout = requestTimeoutMs(bundle);
  try {
    return await z.request<T>({
      url,
      method: options.method,
      params: options.params,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      middlewareData: options.middlewareData,
      timeout,
      // No request template to merge, and a user's text may contain "{{…}}" (core refuses that when merging).
      merge: false,
    } as HttpRequestOptions & { url: string; merge: boolean });
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    const host = new URL(url).host;
    const e = err as { code?: string; type?: string; message?: string };
    const message =
      e.type === 'request-timeout'
        ? `Storeganise at ${host} did not answer within ${Math.round(timeout / 1000)} s (the time this step had ` +
          'left). Try again in a few minutes.'
        : `Could not reach Storeganise at ${host} (${boundText(String(e.code ?? e.message), 100)}). ` +
          "Check the connection's Business Code, or try again in a few minutes.";
    throw new z.errors.Error(redact(message, bundle.authData), 'unavailable');
  }
}

/** A failure to talk to the host at all (DNS, refused, reset, timeout) — not an error of ours or core's. */
export function isNetworkError(err: unknown): boolean {
  if (ZAPIER_ERRORS.has((err as Error)?.name)) return false;
  const e = err as { name?: string; type?: string; code?: unknown };
  return (
    e?.name === 'FetchError' ||
    e?.name === 'AbortError' ||
    e?.type === 'system' ||
    (typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code))
  );
}

const SHAPE_NAMES: Record<Exclude<Shape, 'any'>, string> = {
  record: 'one record',
  list: 'a list of records',
};

const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) {
    return value.every(isRecord) ? SHAPE_NAMES.list : 'a list that holds something other than records';
  }
  if (isRecord(value)) return SHAPE_NAMES.record;
  return `a bare ${typeof value}`;
}

/**
 * One request to the connected business's admin API. The answer is checked against the shape the
 * caller expects (default: one record): a list where a record belongs, or a record where a list
 * belongs, is a typed error rather than data handed on with keys "0", "1", …
 */
export async function sgRequest<T>(z: ZObject, bundle: Bundle, options: SgRequestOptions): Promise<T | null> {
  const params = Object.fromEntries(
    Object.entries(options.params ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  );
  const method = options.method ?? 'GET';
  const response = await send<T>(z, bundle, options.path, {
    method,
    params,
    body: options.body,
    middlewareData: { storeganise: true, what: options.what, allowNotFound: options.allowNotFound },
  });
  if (response.status === 404 && options.allowNotFound) return null;
  const data = response.data ?? null;
  const expected = options.expect ?? 'record';
  if (data === null || expected === 'any' || shapeOf(data) === SHAPE_NAMES[expected]) return data as T | null;
  throw new z.errors.Error(
    `Storeganise answered ${options.what ?? `${method} ${options.path.join('/')}`} with ${shapeOf(data)} where ` +
      `${SHAPE_NAMES[expected]} was expected. Check that "${businessCode(bundle.authData)}" is your business code; ` +
      "if it is, Storeganise changed this answer: contact the app's support.",
    'unexpected_response',
  );
}

/** Like sgRequest, but an empty answer is an error: the caller needs the record. */
export async function must<T>(z: ZObject, bundle: Bundle, options: SgRequestOptions): Promise<T> {
  const result = await sgRequest<T>(z, bundle, options);
  if (result === null) {
    throw new z.errors.Error(
      `${options.what ?? options.path.join('/')} came back empty from Storeganise.`,
      'empty_response',
    );
  }
  return result;
}

/** Follows limit/offset paging until a short page, or until `max` records. */
export async function listAll<T>(
  z: ZObject,
  bundle: Bundle,
  path: readonly PathSegment[],
  params: SgRequestOptions['params'] = {},
  max = Infinity,
): Promise<T[]> {
  const out: T[] = [];
  const limit = Math.min(pageSizeFor(params), max);
  for (let offset = 0; out.length < max; offset += limit) {
    const page =
      (await sgRequest<T[]>(z, bundle, {
        path,
        params: { ...params, limit, offset },
        what: `Listing ${path.join('/')}`,
        expect: 'list',
      })) ?? [];
    out.push(...page);
    if (page.length < limit) break;
  }
  return out.slice(0, max);
}
