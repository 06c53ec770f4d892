/** API Request (Beta): any admin endpoint of the connected business, with the connection's auth. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { adminUrl, send, type SgRequestOptions } from './http';

export interface RawApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Response headers that never leave the app (credentials, cookies). */
const HIDDEN_HEADERS = new Set(['authorization', 'set-cookie', 'cookie', 'proxy-authorization']);

/**
 * API Request (Beta): any admin endpoint of the connected business, with the connection's auth.
 * `path` must already be checked to stay below /v1/admin/ (see src/creates/api-request.ts); the
 * final URL is checked again here. Failures map like every other request (errorForResponse).
 */
export async function apiRequest(
  z: ZObject,
  bundle: Bundle,
  options: { method: NonNullable<SgRequestOptions['method']>; path: string; params?: Record<string, string>; body?: unknown },
): Promise<RawApiResponse> {
  const url = adminUrl(bundle.authData, options.path);
  const base = new URL(adminUrl(bundle.authData, ''));
  const target = new URL(url);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) {
    throw new z.errors.Error('The path must stay below /v1/admin/ of your Storeganise business.', 'invalid_input', 400);
  }
  const response = await send(z, bundle, url, {
    method: options.method,
    params: options.params ?? {},
    body: options.body,
    middlewareData: { storeganise: true, what: `${options.method} ${options.path}`, acceptText: true },
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value: string, name: string) => {
    if (!HIDDEN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  });
  const content = response.content ?? '';
  return { status: response.status, headers, body: response.data ?? (content.trim() ? content : null) };
}

