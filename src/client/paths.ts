/**
 * Paths below /v1/admin/: built from segments, each checked and encoded, so that no id can change
 * which endpoint a request reaches.
 */
import type { ZObject } from 'zapier-platform-core';

/** One piece of a path below /v1/admin/: a resource name or an id, checked and encoded by buildPath. */
export type PathSegment = string | number;

/** Longer than any Storeganise id or e-mail address (254); longer values are not ids. */
export const MAX_SEGMENT = 320;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/**
 * Why a value cannot be one segment of a Storeganise path, or undefined when it can. Encoding
 * alone is not enough: `.` and `..` survive encodeURIComponent and collapse the path, `%` could be
 * decoded twice by a proxy, and a lone surrogate makes encodeURIComponent throw.
 */
export function unusableSegment(value: unknown): string | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? undefined : 'is not a whole number';
  if (typeof value !== 'string') return 'is not text';
  if (value === '') return 'is empty';
  if (value.length > MAX_SEGMENT) return `is longer than ${MAX_SEGMENT} characters`;
  if (value === '.' || value === '..') return 'is a dot segment, which would change the address';
  if (/[/\\]/.test(value)) return 'contains a slash';
  if (value.includes('%')) return 'contains %';
  if (CONTROL.test(value)) return 'contains a control character';
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone surrogate)';
  if (INVISIBLE.test(value)) return 'contains an invisible character';
  if (value.trim() !== value) return 'starts or ends with white space';
  return undefined;
}

/** How an unusable value is shown: escaped and short, so the message stays one readable line. */
function shown(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  const head = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(head);
}

/**
 * THE path builder: every request's path below /v1/admin/ is made here from segments, each
 * checked (unusableSegment) and encoded, so no id from a webhook, a mapped field or an answer can
 * change which endpoint is called. Refusal is a typed error, before any request.
 */
export function buildPath(z: ZObject, segments: readonly PathSegment[]): string {
  if (segments.length === 0)
    throw new z.errors.Error('No Storeganise endpoint was named.', 'invalid_id', 400);
  return segments
    .map((segment) => {
      const why = unusableSegment(segment);
      if (why) {
        throw new z.errors.Error(
          `The id ${shown(segment)} cannot be sent to Storeganise: it ${why}. Map the record's own id ` +
            '(e.g. 64f1c2a9e3b7d10012a4d201) into this field.',
          'invalid_id',
          400,
        );
      }
      return encodeURIComponent(String(segment));
    })
    .join('/');
}
