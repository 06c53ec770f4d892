/** How a failed Storeganise answer becomes the Zapier error the user reads (the error table). */
import type { AfterResponseMiddleware, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { businessCode, isOurs, type SgMiddlewareData } from './http';
import { redact } from './redact';

type AuthData = Bundle['authData'];

function storeganiseMessage(response: HttpResponse): string | undefined {
  const data = response.data as { error?: { message?: unknown }; message?: unknown } | undefined;
  const message = data?.error?.message ?? data?.message;
  return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

/** Seconds until a retry is allowed; Retry-After is either seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
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
  const sgMessage = storeganiseMessage(response);
  const what = describe(response);
  const withDetail = (text: string) => redact(sgMessage ? `${text} Storeganise said: ${sgMessage}` : text, authData);

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
      withDetail(`Storeganise is unavailable right now (HTTP ${status}). Try again in a few minutes; if it persists, check https://status.storeganise.com.`),
      'unavailable',
      status,
    );
  }
  // 400, 409, 422 and any other 4xx: Storeganise's own message says what to fix.
  return new z.errors.Error(
    redact(sgMessage ? `Storeganise rejected the request (${status}): ${sgMessage}` : `Storeganise rejected ${what} (HTTP ${status}).`, authData),
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

/** afterResponse: every Storeganise failure becomes a typed Zapier error before core's generic one. */
export const handleStoreganiseErrors: AfterResponseMiddleware = (response, z, bundle) => {
  const data = response.request.middlewareData as SgMiddlewareData | undefined;
  if (!data?.storeganise && !isOurs(response.request.url, bundle.authData)) return response;

  if (response.status === 404 && data?.allowNotFound) {
    response.skipThrowForStatus = true;
    return response;
  }
  if (response.status >= 400) throw errorForResponse(z, response, bundle.authData);

  const body = response.content ?? '';
  if (response.data === undefined && body.trim() !== '' && !data?.acceptText) {
    throw new z.errors.Error(
      `Storeganise answered ${describe(response)} with something that is not JSON (content-type: ${response.getHeader('content-type') ?? 'none'}). Check that "${safeCode(bundle.authData)}" is your Storeganise business code.`,
      'not_json',
      response.status,
    );
  }
  return response;
};

