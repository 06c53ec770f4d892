/**
 * The Zapier services a run talks to, run locally: an HTTP server that speaks the RPC core sends `z.cache`
 * and `z.cursor` calls to, and takes the log stream core sends every run's log lines to, so the app's own
 * handler can run with `rpc_base` pointing here exactly as it runs on Zapier, and fail the way Zapier's
 * cache service can.
 *
 * The wire (zapier-platform-core 19.1.0, `src/tools/create-rpc-client.js`, `create-cache.js`,
 * `create-storekey-tool.js`): every call is `POST rpc_base` with header `X-Token: <the run's token>` and
 * body `{ id, storeKey, method, params }`; the answer is `{ id, result }` or `{ id, error }` (core throws
 * `error` at once). Core retries a 5xx or a network error up to 3 attempts, 100 ms apart, then throws
 * "RPC request failed after 3 attempts: …"; it sets no timeout of its own. Methods:
 * - `zcache_get(key, scope)` → the JSON text stored, or null;
 * - `zcache_set(key, jsonText, ttl, scope, nx)` → true, or false when `nx` finds a live entry;
 * - `zcache_delete(key, scope)` → true when a live entry was removed;
 * - `get_cursor()` / `set_cursor(text)` → the paging cursor of the run's `storeKey`.
 *
 * Semantics the service is not public about, emulated as the worst case that is consistent with the names
 * (each rests on core's argument names and Zapier's CLI docs, not on the server's code):
 * - `ttl` in seconds on a controllable clock; no ttl = no expiry here.
 * - `scope`: none = one key for the whole integration (every account: the worst case for leaks);
 *   `['auth']` = per connection; `['user']` = per Zapier user; both = per user and connection. A scoped
 *   key is a different key: `get`/`delete` must pass the scope `set` used (core forwards it).
 * - `nx`: set only when no live entry exists; otherwise nothing changes and the answer is false (or null,
 *   `nxMiss: null`, as Redis answers): code must treat anything but true as "not set".
 *
 * Faults, per store (one per tester/Zap account), matched by method and key, counted per attempt:
 * `error` (500, not applied: core retries), `lost` (applied, then 500: core retries and the retry sees
 * the write), `refuse` (200 with an error: core throws at once), `hang` (never answered), `cut` (the run
 * was cut off at this call: it lands only with `applied: true`, and neither it nor any later call of the
 * same run is answered).
 * `latencyMs` delays every answer (the bench's "50 ms away").
 *
 * Logs (core `src/tools/create-logger.js`): with a run token, core streams every log line (z.console,
 * each HTTP request and response, errors) as JSON Lines in one POST to `LOGGING_ENDPOINT`, after scrubbing
 * the connection's secrets. The service keeps them per account: what a developer reads in Zapier's logs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Scope = ('user' | 'auth')[];
export type CacheMethod = 'get' | 'set' | 'delete';

export interface CacheIdentity {
  /** the Zapier user running the Zap */
  user: string;
  /** the connection (authentication) the step runs with */
  auth: string;
}

export interface CacheCall {
  method: CacheMethod;
  key: string;
  scope: Scope;
  ttl?: number | null;
  nx?: boolean | null;
  identity: CacheIdentity;
  /** what the service answered, or the fault that took the answer's place */
  result: unknown;
  /** the run that made the call (one token per run) */
  run: string;
  /** when the call arrived, in ms since the service started (for ordering beside API requests) */
  at: number;
}

export interface CacheEntry {
  key: string;
  value: unknown;
  scope: Scope;
  user?: string;
  auth?: string;
  expiresAt: number | null;
}

export type FaultMode = 'error' | 'lost' | 'refuse' | 'hang' | 'cut';

export interface Fault {
  mode: FaultMode;
  /** which calls: get, set or delete (default: any) */
  method?: CacheMethod;
  /** a key prefix or pattern (default: any key) */
  key?: string | RegExp;
  /** only `set` calls with nx true (claims and locks) or false (plain writes) */
  nx?: boolean;
  /** how many attempts it applies to (default: every one) */
  times?: number;
  /** `cut` only: whether the call it cuts at lands (default false) */
  applied?: boolean;
}

export interface LogLine {
  message: string;
  data: Record<string, unknown>;
  /** the run that logged it */
  run: string;
}

export interface ZapierCacheOptions {
  /** the clock's start, in seconds (default: a fixed 2026-11-22T08:00:00Z) */
  now?: number;
  /** what a refused `nx` set answers (default false) */
  nxMiss?: false | null;
  /** ms each answer waits (default 0) */
  latencyMs?: number;
}

interface Stored {
  json: string;
  expiresAt: number | null;
  scope: Scope;
  user?: string;
  auth?: string;
  key: string;
}

const normScope = (scope: unknown): Scope =>
  Array.isArray(scope) ? [...new Set(scope as Scope)].sort() : [];

/** A connection's identity: a short hash of its authData (never the secrets themselves). */
export function connectionOf(authData: unknown): string {
  const stable = JSON.stringify(authData ?? {}, Object.keys((authData ?? {}) as object).sort());
  return `conn-${createHash('sha256').update(stable).digest('hex').slice(0, 10)}`;
}

/** The store of one Zapier account: entries, cursors, a clock, the call log and the faults to inject. */
export class ZapierCache {
  private store = new Map<string, Stored>();
  private cursors = new Map<string, string>();
  private seconds: number;
  private faults: Array<Fault & { left: number }> = [];
  readonly nxMiss: false | null;
  latencyMs: number;
  /** every cache call in order, for assertions ("one set nx before the first request") */
  readonly calls: CacheCall[] = [];
  /** every log line the account's runs streamed, as Zapier's log server receives them */
  readonly logs: LogLine[] = [];

  constructor(options: ZapierCacheOptions = {}) {
    this.seconds = options.now ?? Date.parse('2026-11-22T08:00:00Z') / 1000;
    this.nxMiss = options.nxMiss === null ? null : false;
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** The controllable clock, in whole seconds. */
  readonly clock = {
    now: () => this.seconds,
    advance: (seconds: number) => {
      this.seconds += seconds;
    },
  };

  /** Injects a fault; returns a function that removes it. */
  fail(fault: Fault): () => void {
    const entry = { ...fault, left: fault.times ?? Infinity };
    this.faults.push(entry);
    return () => {
      this.faults = this.faults.filter((f) => f !== entry);
    };
  }

  /** The fault this attempt meets, if any (and counts it). */
  faultFor(method: CacheMethod, key: string, nx: boolean | null | undefined): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.left > 0 &&
        (f.method === undefined || f.method === method) &&
        (f.nx === undefined || (method === 'set' && !!nx === f.nx)) &&
        (f.key === undefined || (typeof f.key === 'string' ? key.startsWith(f.key) : f.key.test(key))),
    );
    if (!fault) return undefined;
    fault.left -= 1;
    return fault;
  }

  private storageKey(key: string, scope: Scope, id: CacheIdentity): string {
    return JSON.stringify([
      scope.includes('user') ? id.user : null,
      scope.includes('auth') ? id.auth : null,
      key,
    ]);
  }

  private live(storageKey: string): Stored | undefined {
    const entry = this.store.get(storageKey);
    if (entry && entry.expiresAt !== null && this.seconds >= entry.expiresAt) {
      this.store.delete(storageKey);
      return undefined;
    }
    return entry;
  }

  get(key: string, scope: unknown, id: CacheIdentity): string | null {
    return this.live(this.storageKey(key, normScope(scope), id))?.json ?? null;
  }

  set(key: string, json: string, ttl: number | null, scope: unknown, nx: boolean | null, id: CacheIdentity) {
    const s = normScope(scope);
    const sk = this.storageKey(key, s, id);
    if (nx && this.live(sk)) return this.nxMiss;
    this.store.set(sk, {
      json,
      key,
      scope: s,
      expiresAt: ttl === null || ttl === undefined ? null : this.seconds + ttl,
      ...(s.includes('user') ? { user: id.user } : {}),
      ...(s.includes('auth') ? { auth: id.auth } : {}),
    });
    return true;
  }

  delete(key: string, scope: unknown, id: CacheIdentity): boolean {
    const sk = this.storageKey(key, normScope(scope), id);
    return this.live(sk) !== undefined && this.store.delete(sk);
  }

  cursor(storeKey: string, value?: string): string | null {
    if (value !== undefined) {
      this.cursors.set(storeKey, value);
      return null;
    }
    return this.cursors.get(storeKey) ?? null;
  }

  /** The live entries, parsed, for inspection. */
  entries(): CacheEntry[] {
    return [...this.store.keys()]
      .map((sk) => this.live(sk))
      .filter((e): e is Stored => e !== undefined)
      .map(({ json, ...rest }) => ({ ...rest, value: JSON.parse(json) }));
  }

  /** Live entries whose key starts with `prefix`. */
  find(prefix: string): CacheEntry[] {
    return this.entries().filter((e) => e.key.startsWith(prefix));
  }

  /** Forget everything: entries, cursors, faults, calls and logs (the clock keeps its time). */
  clear() {
    this.store.clear();
    this.cursors.clear();
    this.faults = [];
    this.calls.length = 0;
    this.logs.length = 0;
  }
}

interface Run {
  cache: ZapierCache;
  identity: CacheIdentity;
  /** set once a `cut` fault hit: nothing of this run is answered any more */
  cut: boolean;
  /** a cut run whose hung calls were released: its calls are refused */
  ended?: boolean;
}

/** The HTTP side: one server, many stores; a run's token says which store and identity it has. */
export class ZapierService {
  private server?: Server;
  private readonly runs = new Map<string, Run>();
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<ServerResponse>();
  private readonly started = Date.now();
  /** where core sends RPC calls (`rpc_base`) */
  url = '';
  /** where core streams log lines (`LOGGING_ENDPOINT`) */
  logUrl = '';

  async start(port = 0): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    server.unref();
    this.server = server;
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.url = `${origin}/rpc`;
    this.logUrl = `${origin}/log`;
    return this;
  }

  /** Stops the server; hung calls end with a closed connection (core then retries and gives up). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A new run of `identity` on `cache`: the token core will send as X-Token. */
  open(cache: ZapierCache, identity: CacheIdentity): string {
    const token = randomBytes(12).toString('hex');
    this.runs.set(token, { cache, identity, cut: false });
    return token;
  }

  close(token: string): void {
    this.runs.delete(token);
  }

  /**
   * Ends every call left hanging (a hang is released as a closed connection); a run that was cut off
   * stays ended: its later calls are refused at once, so nothing of it waits on after a test.
   */
  releaseHung(): void {
    for (const run of this.runs.values()) if (run.cut) run.ended = true;
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** A run's log stream: JSON Lines `{ message, data }`, kept with the run's account. */
  private takeLogs(text: string, token: string, run: Run | undefined, res: ServerResponse): void {
    for (const line of text.split('\n')) {
      if (!line.trim() || !run) continue;
      try {
        const { message, data } = JSON.parse(line) as { message: string; data: Record<string, unknown> };
        run.cache.logs.push({ message, data, run: token });
      } catch {
        /* a cut line: core aborts a stream it gave up waiting for */
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const token = String(req.headers['x-token'] ?? '');
    const run = this.runs.get(token);
    if (req.url === '/log') return this.takeLogs(text, token, run, res);
    let body: { id?: string; storeKey?: string; method?: string; params?: unknown[] };
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const answer = (status: number, payload: unknown) => {
      const latency = run?.cache.latencyMs ?? 0;
      if (latency > 0) setTimeout(() => reply(status, payload), latency);
      else reply(status, payload);
    };
    if (!run) return answer(401, { id: body.id, error: 'unknown run token' });
    if (run.ended) return answer(200, { id: body.id, error: 'this run was cut off' });
    if (run.cut) return void this.hung.add(res);

    const method = String(body.method);
    const params = Array.isArray(body.params) ? body.params : [];
    if (method === 'get_cursor' || method === 'set_cursor') {
      const storeKey = String(body.storeKey ?? '');
      const result = run.cache.cursor(storeKey, method === 'set_cursor' ? String(params[0]) : undefined);
      return answer(200, { id: body.id, result });
    }
    const methods: Record<string, CacheMethod | undefined> = {
      zcache_get: 'get',
      zcache_set: 'set',
      zcache_delete: 'delete',
    };
    const short = methods[method];
    if (!short) return answer(200, { id: body.id, error: `no RPC method "${method}"` });
    const [key, a, b, c, d] = params as [string, unknown, unknown, unknown, unknown];
    const nx = short === 'set' ? ((d ?? null) as boolean | null) : undefined;
    const scope = normScope(short === 'get' || short === 'delete' ? a : c);
    const matched = run.cache.faultFor(short, key, nx);
    const fault = matched?.mode;
    const log = (result: unknown) =>
      run.cache.calls.push({
        method: short,
        key,
        scope,
        ...(short === 'set' ? { ttl: (b ?? null) as number | null, nx } : {}),
        identity: run.identity,
        result,
        run: token,
        at: Date.now() - this.started,
      });

    if (fault === 'error') return (log('fault: error'), answer(500, { id: body.id, error: 'unavailable' }));
    if (fault === 'refuse') return (log('fault: refused'), answer(200, { id: body.id, error: 'refused' }));
    if (fault === 'hang') return (log('fault: hang'), void this.hung.add(res));
    if (fault === 'cut' && !matched?.applied) {
      run.cut = true;
      return (log('fault: cut'), void this.hung.add(res));
    }
    const result =
      short === 'get'
        ? run.cache.get(key, a, run.identity)
        : short === 'set'
          ? run.cache.set(key, a as string, (b ?? null) as number | null, c, nx ?? null, run.identity)
          : run.cache.delete(key, a, run.identity);
    if (fault === 'lost') return (log(`fault: lost (${String(result)})`), answer(500, { id: body.id }));
    if (fault === 'cut') {
      run.cut = true;
      return (log(`fault: cut (${String(result)})`), void this.hung.add(res));
    }
    log(result);
    answer(200, { id: body.id, result });
  }
}

let shared: Promise<ZapierService> | undefined;

/** The process's Zapier services, started on first use (they do not keep the process alive). */
export function sharedZapierService(): Promise<ZapierService> {
  shared ??= new ZapierService().start();
  return shared;
}
