/**
 * The sandbox: a local Storeganise business on Node's own `http`, for everything this app uses.
 *
 * API (under `/api` or `/{code}/api`, so `STOREGANISE_API_URL=http://127.0.0.1:PORT/{code}/api` works):
 * `Authorization: ApiKey <key>` (401 otherwise), bare JSON objects and arrays, `limit`/`offset`,
 * `updatedAfter`, `include=`, field filters, errors as `{ "error": { "message" } }`. One module per
 * resource under sandbox/api/ (jobs, unit rentals, invoices, users, webhooks, and what every collection
 * answers); the records and their query rules in sandbox/store.ts, with a strict mode that ignores the
 * filters and includes Storeganise is not known to have; webhook deliveries in sandbox/deliveries.ts.
 *
 * Binds 127.0.0.1 on a free port; stop() closes the server, every socket, timer and delivery.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api, ApiRequest, Routes } from './api/context';
import { createMoveIn, jobRoutes, type MoveIn } from './api/jobs';
import { invoiceRoutes } from './api/invoices';
import { recordRoutes } from './api/records';
import { unitRentalRoutes } from './api/unit-rentals';
import { userRoutes } from './api/users';
import { addWebhook, webhookRoutes } from './api/webhooks';
import { type Delivery, Outbox, type Webhook, type WebhookEvent } from './deliveries';
import { type Answer, clone, HttpError, now, ok, readBody, send } from './http';
import { listenOnLoopback, type LoopbackServer } from './loopback';
import { type SandboxData, seed } from './seed';
import { Store } from './store';

export { signBody } from './deliveries';
export type { Delivery, DeliveryAttempt, Webhook, WebhookEvent } from './deliveries';

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
  /**
   * Answer only as Storeganise is known to: list filters and `include=` not confirmed in
   * docs/storeganise-api.md are ignored (sandbox/store.ts). Default: every filter and include works.
   */
  strict?: boolean;
  /** Answer deadline of a webhook delivery (Storeganise: 2 s). */
  deliveryTimeoutMs?: number;
  /** Pause before a retry (Storeganise's is not documented; short here so runs stay quick). */
  retryDelayMs?: number;
  /** Attempts per delivery: 1 + 2 retries. */
  attempts?: number;
  faults?: FaultPlan;
  /**
   * Milliseconds every answer waits before it is sent (errors included): an API that far away. The
   * benchmark sets it to count round trips; 0 (default) answers at once. Changeable later (`latencyMs`).
   */
  latencyMs?: number;
  /** One line per notable thing (requests, deliveries); silent by default. */
  log?: (line: string) => void;
}

export interface RequestRecord {
  method: string;
  /** below /v1/admin/, e.g. `jobs/5a0d…` */
  path: string;
  /** the query string as sent, `?include=…` or empty */
  query: string;
  status: number;
}

/** Tried in order; the first that answers wins. Records last: it answers for every collection. */
const ROUTES: Routes[] = [
  (api, { method, parts: [resource, id] }) =>
    resource === 'settings' && !id && method === 'GET' ? ok(clone(api.store.data.settings)) : undefined,
  webhookRoutes,
  userRoutes,
  jobRoutes,
  unitRentalRoutes,
  invoiceRoutes,
  recordRoutes,
];

export class Sandbox {
  readonly businessCode: string;
  readonly apiKey: string;
  readonly signingSecret: string;
  readonly strict: boolean;
  readonly data: SandboxData;
  readonly webhooks = new Map<string, Webhook>();
  readonly requests: RequestRecord[] = [];
  /** Milliseconds every answer waits (SandboxOptions.latencyMs). */
  latencyMs: number;

  private readonly store: Store;
  private readonly outbox: Outbox;
  private readonly api: Api;
  private server?: LoopbackServer;
  private fault?: FaultPlan & { left: number };
  private stopped = false;

  constructor(private readonly options: SandboxOptions = {}) {
    this.businessCode = options.businessCode ?? SANDBOX_CODE;
    this.apiKey = options.apiKey ?? SANDBOX_API_KEY;
    this.signingSecret = options.signingSecret ?? SANDBOX_SIGNING_SECRET;
    this.strict = options.strict ?? false;
    this.latencyMs = options.latencyMs ?? 0;
    this.data = seed(options.businessName);
    this.store = new Store(this.data, this.strict, () => `${this.url}/${this.businessCode}`);
    this.outbox = new Outbox({ ...options, signingSecret: this.signingSecret });
    this.api = { store: this.store, webhooks: this.webhooks, emit: (type, data) => this.emit(type, data) };
    if (options.faults) this.failWith(options.faults);
  }

  /** Every webhook delivery so far, retries as attempts. */
  get deliveries(): Delivery[] {
    return this.outbox.deliveries;
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

  /** TCP connections accepted so far: with keep-alive, far fewer than requests. */
  get connections(): number {
    if (!this.server) throw new Error('the sandbox is not running');
    return this.server.connections;
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
    return {
      businessCode: this.businessCode,
      apiKey: this.apiKey,
      webhookSecret: this.signingSecret,
      alertEmail: 'ops@sandbox.example',
      ...extra,
    };
  }

  /** Closes everything: listening socket, keep-alive sockets, retry timers, in-flight deliveries. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.outbox.stop();
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
  idle(): Promise<void> {
    return this.outbox.idle();
  }

  // ------------------------------------------------------------------ what the portal or a customer would do
  /** A customer books a unit online: a move-in job with a reserved rental, announced to webhooks. */
  createMoveIn(input: { ownerId?: string; unitId?: string; startDate?: string } = {}): MoveIn {
    return createMoveIn(this.api, input);
  }

  /** Registers a webhook as a manager would in Main Settings > Developer > Webhooks. */
  addWebhook(hook: { url: string; events: string[]; alertEmails?: string[] }): Webhook {
    return addWebhook(this.api, hook);
  }

  /** Sends an event to every webhook subscribed to its type; resolves when all deliveries settle. */
  emit(type: string, data: Record<string, unknown>): Promise<Delivery[]> {
    const event: WebhookEvent = { id: this.store.newId('event'), created: now(), type, data };
    const targets = [...this.webhooks.values()].filter(
      (w) => w.events.includes(type) || w.events.includes('*'),
    );
    return this.outbox.send(event, targets);
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
      if (match[1] && match[1] !== this.businessCode) {
        throw new HttpError(404, `No business "${match[1]}" here; this sandbox is "${this.businessCode}".`);
      }
      path = match[2].replace(/\/+$/, '');
      const body = await readBody(req);
      const auth = req.headers.authorization ?? '';
      if (auth !== `ApiKey ${this.apiKey}`) throw new HttpError(401, 'Invalid API key');
      const fault = this.fault;
      if (fault && fault.left > 0 && (!fault.match || fault.match.test(`${method} ${path}`))) {
        fault.left -= 1;
        if (fault.status === 429) res.setHeader('Retry-After', String(fault.retryAfter ?? 1));
        const message = fault.status === 429 ? 'Too many requests' : 'Service temporarily unavailable';
        throw new HttpError(fault.status, message);
      }
      const parts = path.split('/').map(decodeURIComponent);
      const answer = this.route({ method, parts, query: url.searchParams, body });
      status = answer.status;
      await this.delay();
      send(res, status, answer.json);
    } catch (err) {
      status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : 'Internal error';
      await this.delay();
      send(res, status, { error: { message, status } });
    } finally {
      this.requests.push({ method, path, query: url.search, status });
      this.options.log?.(`${method} ${path}${url.search} → ${status}`);
    }
  }

  /** The answer's wait (latencyMs); none when 0, so an answer is not put off to a later turn of the loop. */
  private delay(): Promise<void> | undefined {
    const ms = this.latencyMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
  }

  private route(request: ApiRequest): Answer {
    for (const routes of ROUTES) {
      const answer = routes(this.api, request);
      if (answer) return answer;
    }
    throw new HttpError(404, `No route ${request.method} /v1/admin/${request.parts.join('/')}`);
  }
}
