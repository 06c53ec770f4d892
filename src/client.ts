/**
 * The Storeganise client: the ONE module that knows Storeganise's URLs, headers, include sets and
 * error shapes. Everything else calls the typed functions at the bottom of this file.
 *
 * Endpoints and fields marked A (assumed, no public source) in ../shared/storeganise-api.md are
 * kept here and listed in the README's "API assumptions" table, so checking them against a live
 * tenant's docs changes this file only.
 */
import type {
  AfterResponseMiddleware,
  BeforeRequestMiddleware,
  Bundle,
  HttpRequestOptions,
  HttpResponse,
  ZObject,
} from 'zapier-platform-core';
import { BusinessCodeError, normaliseBusinessCode } from './business-code';
import type {
  Charge,
  CustomFieldDefinition,
  Invoice,
  Job,
  Payment,
  PredefinedCharge,
  Settings,
  Site,
  Unit,
  UnitRental,
  User,
  WebhookRegistration,
} from './types';

/** Overrides the API base for local runs (sandbox, `zapier-platform invoke`). Never a user field. */
export const API_URL_ENV = 'STOREGANISE_API_URL';

/** Related records embedded by hydration: one GET per record (C-level include names only). */
export const INCLUDE = {
  job: 'customFields',
  unitRental: 'unit,owner,customFields,agreementUrl',
  unit: 'customFields',
  invoice: 'owner,customFields',
  user: 'customFields,billing',
} as const;

/** Page size for list endpoints: what production clients use. */
export const PAGE_SIZE = 1000;

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

interface SgMiddlewareData {
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

/** Replaces the connection's secrets in any text that may reach a user or a log. */
export function redact(text: string, authData: AuthData | undefined): string {
  let out = text;
  for (const key of ['apiKey', 'webhookSecret'] as const) {
    const secret = authData?.[key];
    if (typeof secret === 'string' && secret.length >= 4) out = out.split(secret).join(':censored:');
  }
  return out;
}

function isOurs(url: string | undefined, authData: AuthData): boolean {
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

/** Maps a failed Storeganise answer to the Zapier error the user reads (DESIGN.md error table). */
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
async function send<T>(
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

async function must<T>(z: ZObject, bundle: Bundle, options: SgRequestOptions): Promise<T> {
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
  const limit = Math.min(PAGE_SIZE, max);
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

const enc = encodeURIComponent;

// ---------------------------------------------------------------- jobs
export const getJob = (z: ZObject, bundle: Bundle, id: string) =>
  must<Job>(z, bundle, { path: `jobs/${enc(id)}`, params: { include: INCLUDE.job }, what: `Job ${id}` });

export const findJob = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<Job>(z, bundle, { path: `jobs/${enc(id)}`, params: { include: INCLUDE.job }, what: `Job ${id}`, allowNotFound: true });

/** A: the `type`/`state` filter names on the jobs list. */
export const listJobs = (z: ZObject, bundle: Bundle, filter: { type?: string; state?: string }, max: number) =>
  listAll<Job>(z, bundle, 'jobs', { type: filter.type, state: filter.state }, max);

/** C: a task job on a unit or a customer. */
export const createTask = (
  z: ZObject,
  bundle: Bundle,
  task: { targetType: 'unit' | 'user'; targetId: string; title: string; desc?: string },
) =>
  must<Job>(z, bundle, {
    method: 'POST',
    path: 'jobs',
    body: { type: 'task', ownerId: null, data: task },
    what: 'Creating a task',
  });

// ---------------------------------------------------------------- unit rentals
export const getUnitRental = (z: ZObject, bundle: Bundle, id: string) =>
  must<UnitRental>(z, bundle, {
    path: `unit-rentals/${enc(id)}`,
    params: { include: INCLUDE.unitRental },
    what: `Unit rental ${id}`,
  });

export const findUnitRental = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<UnitRental>(z, bundle, {
    path: `unit-rentals/${enc(id)}`,
    params: { include: INCLUDE.unitRental },
    what: `Unit rental ${id}`,
    allowNotFound: true,
  });

export const listUnitRentals = (
  z: ZObject,
  bundle: Bundle,
  filter: { ownerId?: string; state?: string; updatedAfter?: string },
  max: number,
) => listAll<UnitRental>(z, bundle, 'unit-rentals', filter, max);

export const updateUnitRental = (z: ZObject, bundle: Bundle, id: string, patch: Record<string, unknown>) =>
  must<UnitRental>(z, bundle, {
    method: 'PUT',
    path: `unit-rentals/${enc(id)}`,
    body: patch,
    what: `Unit rental ${id}`,
  });

/**
 * A: how a custom charge is added through the API. Assumed: a `charges` sub-resource that takes
 * `{ title, amount, qty, startDate, endDate, accountingCodeId, code }` and returns the charge.
 */
export const addUnitRentalCharge = (z: ZObject, bundle: Bundle, rentalId: string, charge: Omit<Charge, 'id'>) =>
  must<Charge>(z, bundle, {
    method: 'POST',
    path: `unit-rentals/${enc(rentalId)}/charges`,
    body: charge,
    what: `Adding a charge to unit rental ${rentalId}`,
  });

// ---------------------------------------------------------------- invoices
export const getInvoice = (z: ZObject, bundle: Bundle, id: string) =>
  must<Invoice>(z, bundle, { path: `invoices/${enc(id)}`, params: { include: INCLUDE.invoice }, what: `Invoice ${id}` });

export const findInvoice = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<Invoice>(z, bundle, {
    path: `invoices/${enc(id)}`,
    params: { include: INCLUDE.invoice },
    what: `Invoice ${id}`,
    allowNotFound: true,
  });

/** A: filtering the invoice list by its human number (`sid`). */
export const listInvoicesBySid = (z: ZObject, bundle: Bundle, sid: string) =>
  listAll<Invoice>(z, bundle, 'invoices', { sid }, 10);

export const listInvoices = (z: ZObject, bundle: Bundle, filter: { updatedAfter?: string }, max: number) =>
  listAll<Invoice>(z, bundle, 'invoices', filter, max);

export const updateInvoice = (z: ZObject, bundle: Bundle, id: string, patch: { state?: string }) =>
  must<Invoice>(z, bundle, { method: 'PUT', path: `invoices/${enc(id)}`, body: patch, what: `Invoice ${id}` });

export const addInvoicePayment = (
  z: ZObject,
  bundle: Bundle,
  invoiceId: string,
  payment: { amount: number; method: string; date: string; notes?: string },
) =>
  sgRequest<Payment | Invoice>(z, bundle, {
    method: 'POST',
    path: `invoices/${enc(invoiceId)}/payments`,
    body: { type: 'manual', ...payment },
    what: `Adding a payment to invoice ${invoiceId}`,
  });

// ---------------------------------------------------------------- users (customers)
export const getUser = (z: ZObject, bundle: Bundle, id: string) =>
  must<User>(z, bundle, { path: `users/${enc(id)}`, params: { include: INCLUDE.user }, what: `Customer ${id}` });

/** Id or e-mail: L, `GET users/{urlencoded email}` answers 404 when absent. */
export const findUser = (z: ZObject, bundle: Bundle, idOrEmail: string) =>
  sgRequest<User>(z, bundle, {
    path: `users/${enc(idOrEmail)}`,
    params: { include: INCLUDE.user },
    what: `Customer ${idOrEmail}`,
    allowNotFound: true,
  });

/**
 * The customer with this e-mail, or null. Looked up lower-case (L: `GET users/{e-mail}`), and the
 * answer must really carry that e-mail: a look-up that matched something else is no match.
 */
export async function findUserByEmail(z: ZObject, bundle: Bundle, email: string): Promise<User | null> {
  const wanted = email.trim().toLowerCase();
  const user = await findUser(z, bundle, wanted);
  return user && user.email?.trim().toLowerCase() === wanted ? user : null;
}

export const listUsers = (z: ZObject, bundle: Bundle, filter: { updatedAfter?: string }, max: number) =>
  listAll<User>(z, bundle, 'users', filter, max);

export const createUser = (z: ZObject, bundle: Bundle, user: Partial<User>) =>
  must<User>(z, bundle, { method: 'POST', path: 'users', body: user, what: 'Creating a customer' });

export const updateUser = (z: ZObject, bundle: Bundle, id: string, patch: Partial<User>) =>
  must<User>(z, bundle, { method: 'PUT', path: `users/${enc(id)}`, body: patch, what: `Customer ${id}` });

// ---------------------------------------------------------------- sites and units
export const listSites = (z: ZObject, bundle: Bundle) => listAll<Site>(z, bundle, 'sites');

export const listUnits = (z: ZObject, bundle: Bundle, filter: { siteId?: string }, max: number) =>
  listAll<Unit>(z, bundle, 'units', filter, max);

/** A: a single unit by id (the list endpoint is C). */
export const getUnit = (z: ZObject, bundle: Bundle, id: string) =>
  must<Unit>(z, bundle, { path: `units/${enc(id)}`, params: { include: INCLUDE.unit }, what: `Unit ${id}` });

/**
 * A: which rentals a transfer job names. Live `job.unit_transfer.completed` events carry both ids;
 * only trigger samples built from a listed job need this: the new rental as `result.unitRentalId`,
 * the old one as `data.unitRentalId`.
 */
export function transferRentalIds(job: Record<string, unknown>): { newRentalId: unknown; oldRentalId: unknown } {
  const pick = (obj: unknown) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>).unitRentalId : undefined);
  return { newRentalId: pick(job.result), oldRentalId: pick(job.data) };
}

// ---------------------------------------------------------------- settings
export const getSettings = (z: ZObject, bundle: Bundle) =>
  must<Settings>(z, bundle, { path: 'settings', what: 'Reading the business settings' });

/** A: where the business's display name sits in settings; the code stands in when absent. */
export function businessName(settings: Settings, code: string): string {
  const brand = settings.brand as { name?: unknown } | undefined;
  const name = settings.name ?? brand?.name;
  return typeof name === 'string' && name.trim() ? name.trim() : code;
}

/** A: predefined charges live in settings as `charges: [{ code, title, amount, accountingCodeId }]`. */
export function predefinedCharges(settings: Settings): PredefinedCharge[] {
  const list = settings.charges;
  return Array.isArray(list) ? list.filter((c): c is PredefinedCharge => typeof c?.code === 'string') : [];
}

/** A: custom field definitions live in settings as `{ <target>CustomFields: [{ code, title, type }] }`. */
export function customFieldDefinitions(settings: Settings, target: 'unitRental' | 'user'): CustomFieldDefinition[] {
  const list = settings[`${target}CustomFields`];
  return Array.isArray(list) ? list.filter((f): f is CustomFieldDefinition => typeof f?.code === 'string') : [];
}

// ---------------------------------------------------------------- webhooks (REST hooks)
/**
 * A: no public source documents webhook registration. Assumed contract:
 * `POST webhooks { url, events: [type…], alertEmails: [email…] }` → `{ id, secret?, … }` (`secret`:
 * that webhook's signing secret, if it has its own); `DELETE webhooks/{id}`.
 */
export const registerWebhook = (
  z: ZObject,
  bundle: Bundle,
  hook: { url: string; events: string[]; alertEmails: string[] },
) =>
  must<WebhookRegistration>(z, bundle, {
    method: 'POST',
    path: 'webhooks',
    body: hook,
    what: 'Registering the Zap as a Storeganise webhook',
  });

/** A: see registerWebhook. "Already gone" (404) counts as success. */
export async function deleteWebhook(z: ZObject, bundle: Bundle, id: string): Promise<void> {
  await sgRequest(z, bundle, { method: 'DELETE', path: `webhooks/${enc(id)}`, what: `Webhook ${id}`, allowNotFound: true });
}

// ---- searches and actions
/**
 * One page of unit rentals with their unit and customer embedded, for the unit-rental dropdown.
 * A: `include=unit,owner` also works on the list endpoint (C only for single GETs; the help centre
 * advises against include on *large* lists, hence a small page).
 */
export const unitRentalsPage = (z: ZObject, bundle: Bundle, page: { offset: number; limit: number }) =>
  sgRequest<UnitRental[]>(z, bundle, {
    path: 'unit-rentals',
    params: { include: 'unit,owner', limit: page.limit, offset: page.offset },
    what: 'Listing unit rentals',
  }).then((list) => (Array.isArray(list) ? list : []));

/** One page of units (C: `GET units?siteId=&limit=&offset=`), for the unit dropdown. */
export const unitsPage = (z: ZObject, bundle: Bundle, page: { offset: number; limit: number; siteId?: string }) =>
  sgRequest<Unit[]>(z, bundle, {
    path: 'units',
    params: { siteId: page.siteId, limit: page.limit, offset: page.offset },
    what: 'Listing units',
  }).then((list) => (Array.isArray(list) ? list : []));

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

/**
 * A: what a custom field definition's `type` means, and where a select's options sit
 * (`options` or `choices`: strings or `{ value|code, title|label }`).
 */
export function customFieldKind(def: CustomFieldDefinition | undefined): 'number' | 'boolean' | 'date' | 'text' {
  const type = String(def?.type ?? '').toLowerCase();
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean' || type === 'checkbox') return 'boolean';
  if (type === 'date') return 'date';
  return 'text';
}

export function customFieldChoices(def: CustomFieldDefinition): Array<{ value: string; title: unknown }> {
  const list = def.options ?? def.choices;
  if (!Array.isArray(list)) return [];
  return list
    .map((o: unknown) => {
      if (typeof o === 'string') return { value: o, title: o };
      const opt = (o ?? {}) as { value?: unknown; code?: unknown; title?: unknown; label?: unknown };
      const value = String(opt.value ?? opt.code ?? '');
      return { value, title: opt.title ?? opt.label ?? value };
    })
    .filter((c) => c.value);
}
