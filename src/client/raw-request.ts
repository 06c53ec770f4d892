/** API Request (Beta): any admin endpoint of the connected business, with the connection's auth. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { send, type SgRequestOptions } from './http';
import type { PathSegment } from './paths';
import { redactDeep, secretForms } from './redact';

export interface RawApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Response headers that never leave the app (credentials, cookies). */
const HIDDEN_HEADERS = new Set([
  'authorization',
  'set-cookie',
  'cookie',
  'proxy-authorization',
  'www-authenticate',
]);

/**
 * API Request (Beta): any admin endpoint of the connected business, with the connection's auth.
 * `segments` are the decoded path below /v1/admin/; buildPath checks and encodes each like every
 * other request's, so the request cannot leave /v1/admin/. Failures map like every other request
 * (errorForResponse); a success is handed on with the connection's secrets censored wherever the
 * answer echoes them, in headers and body alike.
 */
export async function apiRequest(
  z: ZObject,
  bundle: Bundle,
  options: {
    method: NonNullable<SgRequestOptions['method']>;
    segments: readonly PathSegment[];
    params?: Record<string, string>;
    body?: unknown;
  },
): Promise<RawApiResponse> {
  const response = await send(z, bundle, options.segments, {
    method: options.method,
    params: options.params ?? {},
    body: options.body,
    middlewareData: {
      storeganise: true,
      what: `${options.method} ${options.segments.join('/')}`,
      acceptText: true,
    },
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value: string, name: string) => {
    if (!HIDDEN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  });
  const content = response.content ?? '';
  const body = response.data ?? (content.trim() ? content : null);
  return redactDeep({ status: response.status, headers, body }, secretForms(bundle.authData));
}
