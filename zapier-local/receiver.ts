/**
 * A local stand-in for the Zap's hook URL (hooks.zapier.com): accepts POSTs, answers 200 like
 * Zapier does (the Zap runs after the answer), and hands each accepted request on in the shape
 * Zapier gives a hook trigger's perform: `cleanedRequest` (parsed body) and `rawRequest`
 * `{ method, querystring, headers (`Http-` + title-cased names), content (the raw body) }`.
 * It can be told to fail the next requests, to show Storeganise's retries.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from '../sandbox/loopback';

export interface RawRequest {
  method: string;
  querystring: string;
  headers: Record<string, string>;
  content: string;
}

export interface CaughtHook {
  cleanedRequest: unknown;
  rawRequest: RawRequest;
  /** What the receiver answered. */
  status: number;
}

/** `sg-signature` → `Http-Sg-Signature`, as Zapier hands header names to rawRequest. */
export function zapierHeaderName(name: string): string {
  return `Http-${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-')}`;
}

export function zapierHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[zapierHeaderName(name)] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** What Zapier puts in cleanedRequest: the parsed JSON body (or `{}` when it is not JSON). */
export function cleaned(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return {};
  }
}

export class HookReceiver {
  /** Every request that arrived, accepted or not. */
  readonly arrivals: CaughtHook[] = [];
  private readonly queue: CaughtHook[] = [];
  private readonly waiters: Array<(hook: CaughtHook) => void> = [];
  private server?: LoopbackServer;
  private failures = 0;
  private failStatus = 500;
  private holds = 0;

  async start(): Promise<this> {
    this.server = await listenOnLoopback((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const content = Buffer.concat(chunks).toString('utf8');
        // what Zapier's hook service hands the app, with the status this receiver answered
        const caught = (status: number): CaughtHook => ({
          cleanedRequest: cleaned(content),
          rawRequest: {
            method: req.method ?? 'POST',
            querystring: url.search.replace(/^\?/, ''),
            headers: zapierHeaders(req.headers),
            content,
          },
          status,
        });
        if (this.holds > 0) {
          // never answered: the sender's deadline passes; stop() destroys the socket
          this.holds -= 1;
          this.arrivals.push(caught(0));
          return;
        }
        const failing = this.failures > 0;
        if (failing) this.failures -= 1;
        const status = failing ? this.failStatus : 200;
        const hook = caught(status);
        this.arrivals.push(hook);
        const body = JSON.stringify(
          failing
            ? { status: 'error' }
            : {
                status: 'success',
                attempt: String(this.arrivals.length),
                request_id: `local-${this.arrivals.length}`,
              },
        );
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
        });
        res.end(body);
        if (!failing) {
          const waiter = this.waiters.shift();
          if (waiter) waiter(hook);
          else this.queue.push(hook);
        }
      });
    });
    return this;
  }

  /** The URL Zapier would hand performSubscribe as `bundle.targetUrl`. */
  get url(): string {
    if (!this.server) throw new Error('the hook receiver is not running');
    return `http://127.0.0.1:${this.server.port}/hooks/catch/1234567/sandbox/`;
  }

  /** Answer the next `count` requests with `status` (Zapier down, a proxy error…). */
  failNext(count: number, status = 500): void {
    this.failures = count;
    this.failStatus = status;
  }

  /** Leave the next `count` requests unanswered (a hook URL that hangs). */
  holdNext(count: number): void {
    this.holds = count;
  }

  /** The next accepted request (already queued, or the next to arrive within `timeoutMs`). */
  next(timeoutMs = 5000): Promise<CaughtHook> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (hook: CaughtHook) => {
        clearTimeout(timer);
        resolve(hook);
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no webhook arrived at the receiver within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}
