/**
 * API Request (Beta): any call to the connected business's admin API, for what no action covers.
 * Sent with the connection's auth, to the connected business only: the path must stay below
 * /v1/admin/ (no absolute URL, no `//host`, no `.`/`..` segment, raw or percent-encoded, no
 * backslash). Failures read like every other step's (Storeganise's own message); a success
 * returns status, headers (never credentials) and the parsed body.
 */
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import { apiRequest, boundText } from '../client';
import { invalidInput, requiredText, text } from '../read-input';
import { samples } from '../records/samples';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

const inputFields = defineInputFields([
  {
    key: 'method',
    label: 'HTTP Method',
    required: true,
    choices: [...METHODS],
    default: 'GET',
    helpText: 'GET reads; POST, PUT, PATCH and DELETE change data.',
  },
  {
    key: 'path',
    label: 'Path',
    required: true,
    placeholder: 'unit-rentals/64f1c2a9e3b7d10012a4d201',
    helpText:
      'The endpoint below `/v1/admin/`, e.g. `unit-rentals/{id}` or `sites`. See the API docs at https://{your-code}.storeganise.com/api/docs/admin.',
  },
  {
    key: 'query',
    label: 'Query String Parameters',
    dict: true,
    helpText: 'Sent as `?name=value`, e.g. `include` → `unit,owner` or `limit` → `100`.',
  },
  {
    key: 'body',
    label: 'Body (JSON)',
    type: 'code',
    helpText: 'A JSON body for POST, PUT and PATCH, e.g. `{"customFields": {"gate_code": "4821"}}`.',
  },
]);

/**
 * The decoded segments below /v1/admin/ and any query written into the path; throws for anything
 * that could leave it. The client's path builder checks and re-encodes every segment again.
 */
export function adminPath(z: ZObject, input: string): { segments: string[]; params: Record<string, string> } {
  const raw = input.trim();
  const refuse = (why: string) =>
    invalidInput(
      z,
      `Path "${boundText(raw, 200)}" is not allowed: ${why} Use a path below /v1/admin/, e.g. unit-rentals/{id}.`,
    );
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw))
    throw refuse('it is an absolute URL; requests only go to your connected business.');
  if (raw.startsWith('//')) throw refuse('it names another host.');
  // eslint-disable-next-line no-control-regex
  if (/[\\\s#]|[\u0000-\u001f]/.test(raw))
    throw refuse('it contains a backslash, a space, # or a control character.');

  const [pathPart, queryPart = ''] = raw.split(/\?(.*)/s, 2);
  const path = pathPart.replace(/^\/+/, '').replace(/^(?:api\/)?v1\/admin(?:\/|$)/, '');
  if (!path) throw refuse('it names no endpoint.');
  const segments: string[] = [];
  for (const segment of path.replace(/\/$/, '').split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw refuse('it has a malformed %-escape.');
    }
    if (!segment) throw refuse('it has an empty segment (//).');
    if (decoded === '.' || decoded === '..' || /[/\\]/.test(decoded))
      throw refuse('it could step outside /v1/admin/.');
    segments.push(decoded);
  }
  return { segments, params: Object.fromEntries(new URLSearchParams(queryPart)) };
}

function parseBody(z: ZObject, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  if (!value.trim()) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw invalidInput(z, `Body is not valid JSON (${(err as Error).message}).`);
  }
}

export default defineCreate({
  key: 'api_request',
  noun: 'API Request',
  display: {
    label: 'API Request (Beta)',
    description:
      "Sends an authenticated request to your business's admin API, for anything the other actions do not cover.",
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const method = requiredText(z, input.method, 'HTTP Method').toUpperCase() as Method;
      if (!METHODS.includes(method))
        throw invalidInput(z, `HTTP Method must be one of ${METHODS.join(', ')}.`);
      const { segments, params } = adminPath(z, requiredText(z, input.path, 'Path'));
      const query = input.query && typeof input.query === 'object' ? input.query : {};
      for (const [k, v] of Object.entries(query))
        if (text(k) && v !== undefined && v !== null) params[k.trim()] = String(v);
      const body = parseBody(z, input.body);
      if (body !== undefined && (method === 'GET' || method === 'DELETE'))
        throw invalidInput(z, `A ${method} request takes no Body; use Query String Parameters.`);
      return apiRequest(z, bundle, { method, segments, params, body });
    },
    sample: {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: samples.unit,
    },
    // labelled like every other step's output; the body's own fields keep Zapier's names (body__name)
    outputFields: [
      { key: 'status', label: 'Response Status', type: 'integer' },
      { key: 'headers__content-type', label: 'Response Content Type' },
      { key: 'body', label: 'Response Body' },
    ],
  },
});
