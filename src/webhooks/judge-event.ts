/** One element of a webhook body, judged on its own: an event this app can use, or why not. */
import { unusableSegment } from '../client/paths';
import { catalogRow, isEventType, RECORD_IDS } from '../events/catalog';
import { isId, type WebhookEvent } from './event-records';

export const MAX_ID_LENGTH = 200;

type Judged = { event: WebhookEvent } | { problem: string };

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Judges one element of the body on its own. */
export function judgeEvent(item: unknown): Judged {
  if (!isPlainObject(item))
    return {
      problem: `is ${Array.isArray(item) ? 'a list' : item === null ? 'null' : typeof item}, not an event object`,
    };
  const { id, type, created, data } = item;
  if (!isId(id) || id.length > MAX_ID_LENGTH) return { problem: 'has no usable "id" (a non-empty string)' };
  if (!isEventType(type)) return { problem: `(id ${short(id)}) has no usable "type" (a dotted event name)` };
  if (!isPlainObject(data)) return { problem: `(id ${short(id)}, ${type}) has no "data" object` };
  for (const key of Object.keys(RECORD_IDS)) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    // an id that could not be one segment of a Storeganise path ('..', a slash, %…) names no record
    if (!isId(value) || value.length > MAX_ID_LENGTH || unusableSegment(value) !== undefined)
      return { problem: `(id ${short(id)}, ${type}) has a "data.${key}" that is not an id` };
  }
  const row = catalogRow(type);
  if (row && !isId(data[row.idField]))
    return { problem: `(id ${short(id)}, ${type}) lacks "data.${row.idField}"` };
  return { event: { id, type, created: typeof created === 'string' ? created : null, data } };
}

export const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
