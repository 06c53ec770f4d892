/**
 * Storeganise signs each webhook delivery: header `sg-signature` = base64 HMAC-SHA256 of the raw
 * request body with the webhook's signing secret (docs/storeganise-api.md, C).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'sg-signature';

/** Header names as Zapier hands them on (`Http-Sg-Signature`) or as sent (`sg-signature`). */
const normaliseHeaderName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/^http-/, '');

/** A request header, looked up case-insensitively, with or without Zapier's `Http-` prefix. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const wanted = normaliseHeaderName(name);
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (normaliseHeaderName(key) !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

export function sign(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}

export type SignatureCheck = 'valid' | 'missing' | 'mismatch';

/** Timing-safe comparison of the received signature with the one the raw body should carry. */
export function checkSignature(
  secret: string,
  rawBody: string,
  received: string | undefined,
): SignatureCheck {
  if (!received || !received.trim()) return 'missing';
  const expected = Buffer.from(sign(secret, rawBody), 'utf8');
  const given = Buffer.from(received.trim(), 'utf8');
  if (given.length !== expected.length) return 'mismatch';
  return timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}
