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
import { redact } from './redact';

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

export interface SgRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below /v1/admin/, e.g. `unit-rentals/ur_1`. */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Human name of the thing asked for, used in 403/404 messages ("Unit rental ur_1"). */
  what?: string;
  /** Return null on 404 instead of throwing (searches: a miss is not an error). */
  allowNotFound?: boolean;
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
  if (!url) return false;
  try {
    return url.startsWith(`${apiBase(authData)}/`);
  } catch {
    return false;
  }
}

/**
 * beforeRequest: the API key goes only to the connected business's API, never to another host
 * (a later step's URL, a file download). Core's early 429 handler is turned off so that
 * `afterResponse` can honour Retry-After in both of its forms.
 */
export const addStoreganiseHeaders: BeforeRequestMiddleware = (request, _z, bundle) => {
  if (!isOurs(request.url, bundle.authData)) return request;
  request.headers = {
    Accept: 'application/json',
    ...(request.body !== undefined || request.json !== undefined
      ? { 'Content-Type': 'application/json' }
      : {}),
    ...request.headers,
    Authorization: `ApiKey ${bundle.authData.apiKey ?? ''}`,
  };
  (request as HttpRequestOptions & { throwForThrottlingEarly?: boolean }).throwForThrottlingEarly =
    false;
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
  url: string,
  options: { method: NonNullable<SgRequestOptions['method']>; params: Record<string, unknown>; body?: unknown; middlewareData: SgMiddlewareData },
): Promise<HttpResponse<T>> {
  try {
    return await z.request<T>({
      url,
      method: options.method,
      params: options.params,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      middlewareData: options.middlewareData,
      // No request template to merge, and a user's text may contain "{{…}}" (core refuses that when merging).
      merge: false,
    } as HttpRequestOptions & { url: string; merge: boolean });
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    const code = (err as { code?: string }).code;
    throw new z.errors.Error(
      redact(
        `Could not reach Storeganise at ${new URL(url).host} (${code ?? (err as Error).message}). Check the connection's Business Code, or try again in a few minutes.`,
        bundle.authData,
      ),
      'unavailable',
    );
  }
}

/** A failure to talk to the host at all (DNS, refused, reset, timeout) — not an error of ours or core's. */
function isNetworkError(err: unknown): boolean {
  if (ZAPIER_ERRORS.has((err as Error)?.name)) return false;
  const e = err as { name?: string; type?: string; code?: unknown };
  return e?.name === 'FetchError' || e?.name === 'AbortError' || e?.type === 'system' || (typeof e?.code === 'string' && /^E[A-Z_]+$/.test(e.code));
}

/** One request to the connected business's admin API. */
export async function sgRequest<T>(z: ZObject, bundle: Bundle, options: SgRequestOptions): Promise<T | null> {
  connectedBusinessCode(z, bundle.authData);
  const url = adminUrl(bundle.authData, options.path);
  const params = Object.fromEntries(
    Object.entries(options.params ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  );
  const response = await send<T>(z, bundle, url, {
    method: options.method ?? 'GET',
    params,
    body: options.body,
    middlewareData: { storeganise: true, what: options.what, allowNotFound: options.allowNotFound },
  });
  if (response.status === 404 && options.allowNotFound) return null;
  return (response.data ?? null) as T | null;
}

export async function must<T>(z: ZObject, bundle: Bundle, options: SgRequestOptions): Promise<T> {
  const result = await sgRequest<T>(z, bundle, options);
  if (result === null || result === undefined) {
    throw new z.errors.Error(`${options.what ?? options.path} came back empty from Storeganise.`, 'empty_response');
  }
  return result;
}

/** Follows limit/offset paging until a short page, or until `max` records. */
export async function listAll<T>(
  z: ZObject,
  bundle: Bundle,
  path: string,
  params: SgRequestOptions['params'] = {},
  max = Infinity,
): Promise<T[]> {
  const out: T[] = [];
  const limit = Math.min(pageSizeFor(params), max);
  for (let offset = 0; out.length < max; offset += limit) {
    const page = (await sgRequest<T[]>(z, bundle, { path, params: { ...params, limit, offset } })) ?? [];
    if (!Array.isArray(page)) {
      throw new z.errors.Error(`Storeganise answered GET ${path} with something that is not a list.`, 'not_a_list');
    }
    out.push(...page);
    if (page.length < limit) break;
  }
  return out.slice(0, max);
}

export const enc = encodeURIComponent;
