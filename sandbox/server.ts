/**
 * The sandbox: a local Storeganise business on Node's own `http`, for everything this app uses.
 *
 * API (under `/api` or `/{code}/api`, so `STOREGANISE_API_URL=http://127.0.0.1:PORT/{code}/api` works):
 * `Authorization: ApiKey <key>` (401 otherwise), bare JSON objects and arrays, `limit`/`offset`,
 * `updatedAfter`, `include=`, field filters (`type`, `state`, `ownerId`, `siteId`, `sid`…), errors as
 * `{ "error": { "message" } }`. Resources: jobs (+ POST, step updates), unit rentals (+ PUT, charges
 * sub-resource), invoices (+ PUT state, POST payments), users (by id or e-mail, POST, PUT), sites,
 * units, settings, and the webhook registration contract of src/client.ts.
 *
 * Webhooks are delivered like Storeganise's: POST `{ id, created, type, data }` (ids only), header
 * `sg-signature` = base64 HMAC-SHA256 of the body with the signing secret, a 2 s answer deadline,
 * 2 retries after a failed or non-200 delivery (3 attempts in all).
 *
 * Binds 127.0.0.1 on a free port; stop() closes the server, every socket, timer and delivery.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import { listenOnLoopback, type LoopbackServer } from './loopback';
import { makeId, type IdKind, type Rec, type SandboxData, seed } from './seed';
import { finishMoveOut, nextUnitStateProblem, siteByIdOrCode, userMatchesSearch } from './workflow-routes';

export const SANDBOX_CODE = 'sandbox';
/** Obviously fake credentials: the sandbox is local and holds no real data. */
export const SANDBOX_API_KEY = 'sandbox-api-key-not-a-secret';
export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret-not-a-secret';

export interface FaultPlan {
  /** Status to answer instead of the real one: 429 or a 5xx. */
  status: number;
  /** How many matching requests fail (default: all until cleared). */
  times?: number;
  /** Retry-After sent with a 429, in seconds (default 1). */
  retryAfter?: number;
  /** Only requests whose `METHOD path` (path below /v1/admin/) matches. */
  match?: RegExp;
}

export interface SandboxOptions {
  businessCode?: string;
  businessName?: string;
  apiKey?: string;
  signingSecret?: string;
  /** Fixed port; 0 (default) takes a free one. */
  port?: number;
  /** Answer deadline of a webhook delivery (Storeganise: 2 s). */
  deliveryTimeoutMs?: number;
  /** Pause before a retry (Storeganise's is not documented; short here so runs stay quick). */
  retryDelayMs?: number;
  /** Attempts per delivery: 1 + 2 retries. */
  attempts?: number;
  faults?: FaultPlan;
  /** One line per notable thing (requests, deliveries); silent by default. */
  log?: (line: string) => void;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  alertEmails: string[];
  created: string;
}

export interface WebhookEvent {
  id: string;
  created: string;
  type: string;
  data: Record<string, unknown>;
}

export interface DeliveryAttempt {
  status?: number;
  error?: string;
  ms: number;
}

export interface Delivery {
  webhookId: string;
  url: string;
  event: WebhookEvent;
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Collection = 'sites' | 'units' | 'users' | 'unitRentals' | 'invoices' | 'jobs';
const ID_KIND: Record<Collection, IdKind> = {
  sites: 'site',
  units: 'unit',
  users: 'user',
  unitRentals: 'rental',
  invoices: 'invoice',
  jobs: 'job',
};
const NOUN: Record<Collection, string> = {
  sites: 'Site',
  units: 'Unit',
  users: 'User',
  unitRentals: 'Unit rental',
  invoices: 'Invoice',
  jobs: 'Job',
};
const RESERVED_PARAMS = new Set(['limit', 'offset', 'include', 'updatedAfter', 'sort', 'fields', 'search']);
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
const MAX_BODY = 1_000_000;
/** Job types whose creation Storeganise announces as `job.<type>.created`. */
const ANNOUNCED_JOB_TYPES = new Set(['unit_moveIn', 'unit_moveOut', 'valetOrder']);

const clone = <T>(value: T): T => structuredClone(value);
const now = () => new Date().toISOString();
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export class Sandbox {
  readonly businessCode: string;
  readonly apiKey: string;
  readonly signingSecret: string;
  readonly data: SandboxData;
  readonly webhooks = new Map<string, Webhook>();
  readonly deliveries: Delivery[] = [];
  readonly requests: RequestRecord[] = [];

  private server?: LoopbackServer;
  private readonly pending = new Set<Promise<Delivery>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private readonly counters = new Map<IdKind, number>();
  private fault?: FaultPlan & { left: number };
  private stopped = false;

  constructor(private readonly options: SandboxOptions = {}) {
    this.businessCode = options.businessCode ?? SANDBOX_CODE;
    this.apiKey = options.apiKey ?? SANDBOX_API_KEY;
    this.signingSecret = options.signingSecret ?? SANDBOX_SIGNING_SECRET;
    this.data = seed(options.businessName);
    if (options.faults) this.failWith(options.faults);
  }

  // ------------------------------------------------------------------ lifecycle
  async start(): Promise<this> {
    this.server = await listenOnLoopback((req, res) => void this.handle(req, res), this.options.port ?? 0);
    return this;
  }

  get port(): number {
    if (!this.server) throw new Error('the sandbox is not running');
    return this.server.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The value for STOREGANISE_API_URL (the app replaces `{code}` with the business code). */
  get apiUrl(): string {
    return `${this.url}/{code}/api`;
  }

  /** The connection a Zap would use (authData). */
  authData(extra: Record<string, string> = {}): Record<string, string> {
    return { businessCode: this.businessCode, apiKey: this.apiKey, webhookSecret: this.signingSecret, alertEmail: 'ops@sandbox.example', ...extra };
  }

  /** Closes everything: listening socket, keep-alive sockets, retry timers, in-flight deliveries. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.aborts) controller.abort();
    await Promise.allSettled([...this.pending]);
    await this.server?.close();
  }

  // ------------------------------------------------------------------ test controls
  /** From now on, answer matching requests with `plan.status` (`times` of them, or until cleared). */
  failWith(plan: FaultPlan | undefined): void {
    this.fault = plan ? { ...plan, left: plan.times ?? Infinity } : undefined;
  }

  /** Requests the API answered since `from` (an index into `requests`). */
  requestsSince(from: number): RequestRecord[] {
    return this.requests.slice(from);
  }

  /** Waits until no delivery is in flight (retries included). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  // ------------------------------------------------------------------ admin helpers (what the portal or a customer would do)
  /** A customer books a unit online: a move-in job with a reserved rental, announced to webhooks. */
  createMoveIn(input: { ownerId?: string; unitId?: string; startDate?: string } = {}): { job: Rec; unitRental: Rec; deliveries: Promise<Delivery[]> } {
    const unit = input.unitId ? this.get('units', input.unitId) : this.data.units.find((u) => u.state === 'available');
    if (!unit) throw new HttpError(400, 'No available unit to move into.');
    if (unit.state !== 'available') throw new HttpError(400, `Unit ${String(unit.name)} is ${String(unit.state)}, not available.`);
    const owner = this.get('users', input.ownerId ?? this.data.users[0].id);
    const startDate = input.startDate ?? now().slice(0, 10);
    const stamp = now();
    const unitRental = this.insert('unitRentals', {
      unitId: unit.id,
      siteId: unit.siteId,
      ownerId: owner.id,
      state: 'reserved',
      startDate,
      endDate: null,
      price: 99,
      deposit: 50,
      overdue: false,
      charges: [],
      customFields: {},
    });
    unit.state = 'reserved';
    unit.updated = stamp;
    const job = this.insert('jobs', {
      type: 'unit_moveIn',
      state: 'created',
      step: 'created',
      ownerId: owner.id,
      siteId: unit.siteId,
      data: { unitId: unit.id, startDate },
      result: { unitId: unit.id, unitRentalId: unitRental.id, ownerId: owner.id, siteId: unit.siteId },
      steps: [
        { id: this.newId('step'), type: 'unit_moveIn_agreement', state: 'ready' },
        { id: this.newId('step'), type: 'unit_moveIn_payment', state: 'ready' },
      ],
      customFields: {},
    });
    return { job, unitRental, deliveries: this.emit('job.unit_moveIn.created', { jobId: job.id }) };
  }

  /** Registers a webhook as a manager would in Main Settings > Developer > Webhooks. */
  addWebhook(hook: { url: string; events: string[]; alertEmails?: string[] }): Webhook {
    const webhook: Webhook = { id: this.newId('webhook'), url: hook.url, events: [...hook.events], alertEmails: hook.alertEmails ?? [], created: now() };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** Sends an event to every webhook subscribed to its type; resolves when all deliveries settle. */
  emit(type: string, data: Record<string, unknown>): Promise<Delivery[]> {
    const event: WebhookEvent = { id: this.newId('event'), created: now(), type, data };
    const targets = [...this.webhooks.values()].filter((w) => w.events.includes(type) || w.events.includes('*'));
    return Promise.all(targets.map((w) => this.track(this.deliver(w, event))));
  }

  // ------------------------------------------------------------------ webhook delivery
  private track(delivery: Promise<Delivery>): Promise<Delivery> {
    this.pending.add(delivery);
    return delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(webhook: Webhook, event: WebhookEvent): Promise<Delivery> {
    const body = JSON.stringify(event);
    const signature = signBody(this.signingSecret, body);
    const delivery: Delivery = { webhookId: webhook.id, url: webhook.url, event, attempts: [], delivered: false };
    this.deliveries.push(delivery);
    const attempts = this.options.attempts ?? 3;
    for (let i = 0; i < attempts && !this.stopped; i++) {
      if (i > 0) await this.pause(this.options.retryDelayMs ?? 100);
      if (this.stopped) break;
      const attempt = await this.post(webhook.url, body, signature);
      delivery.attempts.push(attempt);
      this.options.log?.(`webhook ${event.type} ${event.id} → ${webhook.url}: attempt ${i + 1} ${attempt.status ?? attempt.error}`);
      if (attempt.status === 200) {
        delivery.delivered = true;
        break;
      }
    }
    return delivery;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const controller = new AbortController();
      const finish = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.aborts.delete(controller);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.timers.add(timer);
      // stop() aborts the pause so the delivery loop can end at once
      this.aborts.add(controller);
      controller.signal.addEventListener('abort', finish);
    });
  }

  /**
   * One delivery attempt, written on a plain socket (`net`/`tls`, `Connection: close`): the answer's
   * status line is all Storeganise looks at. A socket rather than http.request keeps deliveries out of
   * the request interceptors of the process (nock in tests, zapier-platform-core's logging patch).
   */
  private post(url: string, body: string, signature: string): Promise<DeliveryAttempt> {
    const started = performance.now();
    const deadline = this.options.deliveryTimeoutMs ?? 2000;
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const port = Number(target.port || (secure ? 443 : 80));
    const controller = new AbortController();
    this.aborts.add(controller);
    return new Promise<DeliveryAttempt>((resolve) => {
      let settled = false;
      let head = '';
      const socket: Socket = secure
        ? tls.connect({ host: target.hostname, port, servername: target.hostname })
        : net.connect({ host: target.hostname, port });
      const done = (outcome: Omit<DeliveryAttempt, 'ms'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        this.aborts.delete(controller);
        socket.destroy();
        resolve({ ...outcome, ms: Math.round(performance.now() - started) });
      };
      const timer = setTimeout(() => done({ error: `no answer within ${deadline} ms` }), deadline);
      this.timers.add(timer);
      controller.signal.addEventListener('abort', () => done({ error: 'sandbox stopped' }));
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        // write, not end: a half-closed request makes some servers drop it before answering
        socket.write(
          [
            `POST ${target.pathname}${target.search} HTTP/1.1`,
            `Host: ${target.host}`,
            'Content-Type: application/json',
            `Content-Length: ${Buffer.byteLength(body)}`,
            'User-Agent: Storeganise-Webhooks (sandbox)',
            `sg-signature: ${signature}`,
            'Connection: close',
            '',
            body,
          ].join('\r\n'),
        );
      });
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        head += chunk;
        const line = /^HTTP\/1\.[01] (\d{3})/.exec(head);
        if (line) done({ status: Number(line[1]) });
        else if (head.includes('\r\n') || head.length > 1024) done({ error: 'not an HTTP answer' });
      });
      socket.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
      socket.on('close', () => done({ error: 'connection closed without an answer' }));
    });
  }

  // ------------------------------------------------------------------ store helpers
  private newId(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 1000) + 1;
    this.counters.set(kind, n);
    return makeId(kind, n);
  }

  private find(collection: Collection, id: string): Rec | undefined {
    return this.data[collection].find((r) => r.id === id);
  }

  private get(collection: Collection, id: string): Rec {
    const record = this.find(collection, id);
    if (!record) throw new HttpError(404, `${NOUN[collection]} ${id} not found`);
    return record;
  }

  private insert(collection: Collection, fields: Record<string, unknown>): Rec {
    const stamp = now();
    const record: Rec = { ...fields, id: this.newId(ID_KIND[collection]), created: stamp, updated: stamp };
    this.data[collection].push(record);
    return record;
  }

  // ------------------------------------------------------------------ HTTP
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let status = 500;
    let path = url.pathname;
    try {
      const match = /^(?:\/([a-z0-9-]+))?\/api\/v1\/admin\/(.*)$/.exec(url.pathname);
      if (!match) throw new HttpError(404, `No route ${method} ${url.pathname}`);
      if (match[1] && match[1] !== this.businessCode) throw new HttpError(404, `No business "${match[1]}" here; this sandbox is "${this.businessCode}".`);
      path = match[2].replace(/\/+$/, '');
      const body = await readBody(req);
      const auth = req.headers.authorization ?? '';
      if (auth !== `ApiKey ${this.apiKey}`) throw new HttpError(401, 'Invalid API key');
      const fault = this.fault;
      if (fault && fault.left > 0 && (!fault.match || fault.match.test(`${method} ${path}`))) {
        fault.left -= 1;
        if (fault.status === 429) res.setHeader('Retry-After', String(fault.retryAfter ?? 1));
        throw new HttpError(fault.status, fault.status === 429 ? 'Too many requests' : 'Service temporarily unavailable');
      }
      const { status: ok, json } = this.route(method, path.split('/').map(decodeURIComponent), url.searchParams, body);
      status = ok;
      send(res, status, json);
    } catch (err) {
      status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : 'Internal error';
      send(res, status, { error: { message, status } });
    } finally {
      this.requests.push({ method, path, status });
      this.options.log?.(`${method} ${path}${url.search} → ${status}`);
    }
  }

  private route(method: string, parts: string[], query: URLSearchParams, body: unknown): { status: number; json: unknown } {
    const [resource, id, sub, subId] = parts;
    const ok = (json: unknown, status = 200) => ({ status, json });
    const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    const collection = ({ sites: 'sites', units: 'units', users: 'users', 'unit-rentals': 'unitRentals', invoices: 'invoices', jobs: 'jobs' } as const)[
      resource as 'sites'
    ] as Collection | undefined;

    if (resource === 'settings' && !id && method === 'GET') return ok(clone(this.data.settings));

    if (resource === 'webhooks') {
      if (!id && method === 'GET') return ok([...this.webhooks.values()]);
      if (!id && method === 'POST') {
        const hook = requireObject(body);
        if (typeof hook.url !== 'string' || !/^https?:\/\//.test(hook.url)) throw new HttpError(400, '"url" must be an http(s) URL');
        if (!Array.isArray(hook.events) || !hook.events.length || !hook.events.every((e) => typeof e === 'string')) {
          throw new HttpError(400, '"events" must list at least one event type');
        }
        const alertEmails = Array.isArray(hook.alertEmails) ? hook.alertEmails.filter((e): e is string => typeof e === 'string') : [];
        return ok(this.addWebhook({ url: hook.url, events: hook.events as string[], alertEmails }), 201);
      }
      if (id && !sub && method === 'GET') return ok(this.webhookOr404(id));
      if (id && !sub && method === 'DELETE') {
        this.webhookOr404(id);
        this.webhooks.delete(id);
        return ok({ id, deleted: true });
      }
    }

    if (!collection) throw new HttpError(404, `No route ${method} /v1/admin/${parts.join('/')}`);

    if (!id) {
      if (method === 'GET') return ok(this.list(collection, query, include));
      if (method === 'POST' && collection === 'users') return ok(this.createUser(requireObject(body)), 201);
      if (method === 'POST' && collection === 'jobs') return ok(this.createJob(requireObject(body)), 201);
      throw new HttpError(405, `${method} is not allowed on /v1/admin/${resource}`);
    }

    if (!sub) {
      if (method === 'GET') {
        const record =
          collection === 'users' && id.includes('@')
            ? this.userByEmail(id)
            : collection === 'sites'
              ? (siteByIdOrCode(this.data.sites, id) ?? this.get(collection, id))
              : this.get(collection, id);
        return ok(this.expand(collection, record, include));
      }
      if (method === 'PUT' || method === 'PATCH') return ok(this.update(collection, id, requireObject(body)));
      throw new HttpError(405, `${method} is not allowed on /v1/admin/${resource}/{id}`);
    }

    if (collection === 'unitRentals' && sub === 'charges' && !subId) {
      const rental = this.get('unitRentals', id);
      const charges = (rental.charges as Rec[]) ?? [];
      if (method === 'GET') return ok(clone(charges));
      if (method === 'POST') return ok(this.addCharge(rental, requireObject(body)), 201);
    }
    if (collection === 'invoices' && sub === 'payments' && !subId && method === 'POST') {
      return ok(this.addPayment(this.get('invoices', id), requireObject(body)), 201);
    }
    if (collection === 'jobs' && sub === 'steps' && subId && method === 'PUT') {
      return ok(this.updateStep(this.get('jobs', id), subId, requireObject(body)));
    }
    throw new HttpError(404, `No route ${method} /v1/admin/${parts.join('/')}`);
  }

  private webhookOr404(id: string): Webhook {
    const hook = this.webhooks.get(id);
    if (!hook) throw new HttpError(404, `Webhook ${id} not found`);
    return hook;
  }

  private list(collection: Collection, query: URLSearchParams, include: Set<string>): Rec[] {
    const limitRaw = query.get('limit');
    const offsetRaw = query.get('offset');
    const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
    const offset = offsetRaw === null ? 0 : Number(offsetRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, `"limit" must be an integer from 1 to ${MAX_LIMIT}`);
    if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, '"offset" must be a non-negative integer');
    const updatedAfter = query.get('updatedAfter');
    if (updatedAfter !== null && Number.isNaN(Date.parse(updatedAfter))) throw new HttpError(400, '"updatedAfter" must be an ISO date');
    const filters = [...query.entries()].filter(([key]) => !RESERVED_PARAMS.has(key));
    return this.data[collection]
      .filter((r) => updatedAfter === null || Date.parse(r.updated) > Date.parse(updatedAfter))
      .filter((r) => filters.every(([key, value]) => String(r[key] ?? '').toLowerCase() === value.toLowerCase()))
      .filter((r) => collection !== 'users' || userMatchesSearch(r, query.get('search') ?? ''))
      .slice(offset, offset + limit)
      .map((r) => this.expand(collection, r, include));
  }

  /** `include=` embeds related records (the help centre's names: unit, owner, site, job, agreementUrl, billing…). */
  private expand(collection: Collection, record: Rec, include: Set<string>): Rec {
    const out = clone(record);
    if (collection !== 'users') delete out.billing;
    const related = (key: string, coll: Collection, idField: string) => {
      if (include.has(key) && typeof record[idField] === 'string') out[key] = clone(this.find(coll, record[idField] as string) ?? null);
    };
    if (collection === 'users' && !include.has('billing')) delete out.billing;
    related('unit', 'units', 'unitId');
    related('owner', 'users', 'ownerId');
    related('site', 'sites', 'siteId');
    related('unitRental', 'unitRentals', 'unitRentalId');
    if (isObject(out.owner)) delete (out.owner as Rec).billing;
    if (collection === 'unitRentals' && include.has('agreementUrl')) out.agreementUrl = `${this.url}/${this.businessCode}/agreements/${record.id}.pdf`;
    return out;
  }

  private userByEmail(email: string): Rec {
    const wanted = email.trim().toLowerCase();
    const user = this.data.users.find((u) => String(u.email ?? '').toLowerCase() === wanted);
    if (!user) throw new HttpError(404, `User ${email} not found`);
    return user;
  }

  private createUser(body: Record<string, unknown>): Rec {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new HttpError(400, '"email" must be an e-mail address');
    if (this.data.users.some((u) => String(u.email).toLowerCase() === email.toLowerCase())) throw new HttpError(409, `A user with e-mail ${email} already exists`);
    const user = this.insert('users', { roles: ['customer'], customFields: {}, ...pick(body, ['firstName', 'lastName', 'phone', 'companyName', 'customFields']), email });
    void this.emit('user.created', { userId: user.id });
    return clone(user);
  }

  private createJob(body: Record<string, unknown>): Rec {
    const type = body.type;
    if (typeof type !== 'string' || !type) throw new HttpError(400, '"type" is required');
    const data = isObject(body.data) ? body.data : {};
    if (type === 'task') {
      if (data.targetType !== 'unit' && data.targetType !== 'user') throw new HttpError(400, '"data.targetType" must be "unit" or "user"');
      if (typeof data.targetId !== 'string') throw new HttpError(400, '"data.targetId" is required');
      this.get(data.targetType === 'unit' ? 'units' : 'users', data.targetId);
      if (typeof data.title !== 'string' || !data.title.trim()) throw new HttpError(400, '"data.title" is required');
    }
    if (type === 'unit_moveIn') {
      const { job } = this.createMoveIn({
        unitId: typeof data.unitId === 'string' ? data.unitId : undefined,
        ownerId: typeof body.ownerId === 'string' ? body.ownerId : undefined,
        startDate: typeof data.startDate === 'string' ? data.startDate : undefined,
      });
      return clone(job);
    }
    const unit = type === 'task' && data.targetType === 'unit' ? this.find('units', data.targetId as string) : undefined;
    const job = this.insert('jobs', {
      type,
      state: type === 'task' ? 'ready' : 'created',
      step: type === 'task' ? 'ready' : 'created',
      // jobs created through the API belong to the API user (storeganise-api.md, L)
      ownerId: 'api_user_sandbox',
      siteId: unit?.siteId ?? (typeof body.siteId === 'string' ? body.siteId : undefined),
      data,
      result: {},
      steps: [],
      customFields: isObject(body.customFields) ? body.customFields : {},
    });
    if (ANNOUNCED_JOB_TYPES.has(type)) void this.emit(`job.${type}.created`, { jobId: job.id });
    return clone(job);
  }

  private update(collection: Collection, id: string, patch: Record<string, unknown>): Rec {
    const record = this.get(collection, id);
    const changed: string[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (['id', 'created', 'updated'].includes(key)) continue;
      if (key === 'customFields' && isObject(value)) {
        const current = (isObject(record.customFields) ? record.customFields : {}) as Record<string, unknown>;
        for (const [field, v] of Object.entries(value)) {
          if (JSON.stringify(current[field]) !== JSON.stringify(v)) changed.push(`customFields.${field}`);
          current[field] = v;
        }
        record.customFields = current;
        continue;
      }
      if (JSON.stringify(record[key]) !== JSON.stringify(value)) changed.push(key);
      record[key] = value;
    }
    if (changed.length) {
      record.updated = now();
      if (collection === 'unitRentals') void this.emit('unitRental.updated', { unitRentalId: id, changedKeys: changed });
      if (collection === 'users') void this.emit('user.updated', { userId: id });
      if (collection === 'units') void this.emit('unit.updated', { unitId: id, changedKeys: changed });
      if (collection === 'invoices' && changed.includes('state')) void this.emit('invoice.state.updated', { invoiceId: id, to: record.state });
    }
    return clone(record);
  }

  private addCharge(rental: Rec, body: Record<string, unknown>): Rec {
    if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) throw new HttpError(400, '"amount" must be a number');
    if (body.title === undefined || body.title === '') throw new HttpError(400, '"title" is required');
    if (typeof body.startDate !== 'string' || Number.isNaN(Date.parse(body.startDate))) throw new HttpError(400, '"startDate" must be a date');
    const stamp = now();
    const charge: Rec = {
      id: this.newId('charge'),
      title: typeof body.title === 'string' ? { en: body.title } : body.title,
      amount: body.amount,
      qty: typeof body.qty === 'number' ? body.qty : 1,
      startDate: body.startDate,
      endDate: typeof body.endDate === 'string' ? body.endDate : null,
      accountingCodeId: typeof body.accountingCodeId === 'string' ? body.accountingCodeId : null,
      ...(typeof body.code === 'string' ? { code: body.code } : {}),
      ...(body.sourceType === 'preset' && typeof body.sourceId === 'string' ? { sourceType: 'preset', sourceId: body.sourceId } : {}),
      created: stamp,
      updated: stamp,
    };
    rental.charges = [...((rental.charges as Rec[]) ?? []), charge];
    rental.updated = stamp;
    void this.emit('unitRental.updated', { unitRentalId: rental.id, changedKeys: ['charges'] });
    return clone(charge);
  }

  private addPayment(invoice: Rec, body: Record<string, unknown>): Rec {
    if (typeof body.amount !== 'number' || !(body.amount > 0)) throw new HttpError(400, '"amount" must be a positive number');
    const methods = ['cash', 'card', 'cheque', 'transfer', 'other'];
    if (body.method !== undefined && !methods.includes(String(body.method))) throw new HttpError(400, `"method" must be one of ${methods.join(', ')}`);
    const payment = {
      id: this.newId('payment'),
      type: typeof body.type === 'string' ? body.type : 'manual',
      amount: body.amount,
      method: body.method ?? 'other',
      date: typeof body.date === 'string' ? body.date : now().slice(0, 10),
      notes: typeof body.notes === 'string' ? body.notes : '',
    };
    invoice.payments = [...((invoice.payments as unknown[]) ?? []), payment];
    invoice.balance = Math.round((Number(invoice.balance ?? invoice.total ?? 0) - body.amount) * 100) / 100;
    const before = invoice.state;
    if ((invoice.balance as number) <= 0) invoice.state = 'paid';
    invoice.updated = now();
    void this.emit('invoice.payments.updated', { invoiceId: invoice.id });
    if (before !== invoice.state) void this.emit('invoice.state.updated', { invoiceId: invoice.id, to: invoice.state });
    return clone(invoice);
  }

  private updateStep(job: Rec, stepId: string, body: Record<string, unknown>): Rec {
    const steps = (job.steps as Array<Record<string, unknown>>) ?? [];
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw new HttpError(404, `Step ${stepId} of job ${job.id} not found`);
    const problem = nextUnitStateProblem(body.nextUnitState);
    if (problem) throw new HttpError(400, problem);
    if (typeof body.state === 'string') step.state = body.state;
    if (body.state === 'completed') step.completedAt = now();
    if (steps.length && steps.every((s) => s.state === 'completed')) {
      job.state = 'completed';
      job.step = 'completed';
      const rentalId = (job.result as Record<string, unknown> | undefined)?.unitRentalId;
      if (job.type === 'unit_moveIn' && typeof rentalId === 'string') {
        const rental = this.find('unitRentals', rentalId);
        if (rental) rental.state = 'occupied';
        const unit = rental && this.find('units', rental.unitId as string);
        if (unit) unit.state = 'occupied';
      }
      if (job.type === 'unit_moveOut' && typeof rentalId === 'string') {
        const rental = this.find('unitRentals', rentalId);
        finishMoveOut(rental, rental && this.find('units', rental.unitId as string), body.nextUnitState, now());
      }
      void this.emit(`job.${String(job.type)}.completed`, { jobId: job.id, ...(typeof rentalId === 'string' ? { unitRentalId: rentalId } : {}) });
    }
    job.updated = now();
    return clone(job);
  }
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new HttpError(400, 'The request body must be a JSON object');
  return body;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new HttpError(413, 'Request body too large'));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'The request body is not valid JSON'));
      }
    });
  });
}

function send(res: ServerResponse, status: number, json: unknown): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': randomUUID() });
  res.end(body);
}
