import nock from 'nock';
import { type Bundle, createAppTester, type ZObject } from 'zapier-platform-core';
import App from '../index';
import { type KindKey, kindOf, RECORD_KINDS } from '../src/records/kinds';
import { createZapierRuntime } from '../zapier-local/runtime';

/** Obviously fake credentials: the tests assert these never surface anywhere. */
export const API_KEY = 'fake-api-key-for-tests-0001';
export const WEBHOOK_SECRET = 'fake-signing-secret-for-tests';
export const AUTH = {
  businessCode: 'mybiz',
  apiKey: API_KEY,
  webhookSecret: WEBHOOK_SECRET,
  alertEmail: 'ops@mybiz.example',
};

export const HOST = 'https://mybiz.storeganise.com';
export const ADMIN = '/api/v1/admin';

/**
 * The runtime every spec uses: core's public handler as Zapier runs it, `z.cache` over core's RPC to the
 * local cache service (zapier-local/: ttl, scope, nx, faults; `appTester.cache` to inspect it, move its
 * clock or make it fail), typed inputs coerced as Zapier does.
 */
export const appTester = createZapierRuntime(App);
/** Core's own tester, whose z.cache mock ignores ttl, scope and nx: what a developer's quick test sees. */
export const permissiveAppTester = createAppTester(App);
export { App };

/** The app as plain data, so specs can index operations by key. */
export const app: Record<string, any> = App;
export type Row = Record<string, any>;

/** Runs a search of the connected test business as a Zap step would (coerced input, strict cache). */
export const search = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.searches[key].operation.perform as never, { authData: AUTH, inputData }) as Promise<Row[]>;

/** Runs an action of the connected test business as a Zap step would (coerced input, strict cache). */
export const create = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.creates[key].operation.perform, { authData: AUTH, inputData }) as Promise<Row>;

/** Runs a function of the client with the test connection (or the one given), as a Zap step runs it. */
export const runWithConnection = <T>(
  fn: (z: ZObject, bundle: Bundle) => Promise<T>,
  authData: Record<string, string> = AUTH,
) => appTester(fn as never, { authData }) as Promise<T>;

/** A record as an instant trigger hands it on (the record kinds table's output function). */
export const asTrigger = (kind: KindKey, record: Row) => RECORD_KINDS[kind].output(record as never);

/** A record as an instant trigger fetches and hands it on (the record kinds table), with the test connection. */
export const hydrate = (kind: KindKey, id: string) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      const record = await kindOf(kind).find(z, bundle, id);
      return record ? kindOf(kind).output(record) : {};
    },
    { authData: AUTH },
  ) as Promise<Row>;

/** The Storeganise admin API of business "mybiz", answering only what a test sets up. */
export const sg = () => nock(HOST, { reqheaders: { authorization: `ApiKey ${API_KEY}` } });

/** What a user reads from a failed step: Zapier's AppError carries JSON in `message`. */
export function userMessage(err: unknown): {
  message: string;
  code?: string;
  status?: number;
  delay?: number;
} {
  const raw = (err as Error).message;
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    /* plain-message errors (ExpiredAuthError…) */
  }
  return { message: raw };
}

export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

type NockRequest = {
  method?: string;
  options?: NockOptions;
} & NockOptions;
type NockOptions = {
  proto?: string;
  protocol?: string;
  hostname?: string;
  host?: string;
  port?: number;
  path?: string;
};

/**
 * A request no nock interceptor answered, as `METHOD proto://host:port/path`; undefined for calls to the local
 * Zapier services on 127.0.0.1 (z.cache's RPC, the log stream), which are not requests of the app.
 */
export function strayRequest(req: NockRequest): string | undefined {
  const o: NockOptions = req?.options ?? req ?? {};
  const host = String(o.hostname ?? o.host ?? '');
  if (host.startsWith('127.0.0.1')) return undefined;
  const proto = o.proto ?? String(o.protocol ?? '').replace(/:$/, '');
  return `${req?.method ?? 'GET'} ${proto}://${host}:${o.port ?? ''}${String(o.path ?? '').split('?')[0]}`;
}

/** Calls `listener` with each stray request (see strayRequest) until the returned function is called. */
export function watchStrayRequests(listener: (line: string) => void): () => void {
  const onNoMatch = (req: NockRequest) => {
    const line = strayRequest(req);
    if (line) listener(line);
  };
  nock.emitter.on('no match', onNoMatch);
  return () => void nock.emitter.removeListener('no match', onNoMatch);
}

/**
 * For every test of the spec that calls it: each request no nock mock answered is one call of the returned mock
 * (see strayRequest), and what the app logs is kept off the console.
 */
export function strayRequestsOfEachTest(): jest.Mock<void, [string]> {
  const stray = jest.fn<void, [string]>();
  let stopWatching = (): void => undefined;
  beforeEach(() => {
    stray.mockClear();
    stopWatching = watchStrayRequests(stray);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    stopWatching();
    jest.restoreAllMocks();
  });
  return stray;
}

/** How many requests to Storeganise `run` tried that no nock mock answered (refused before sending = 0). */
export async function unansweredRequests(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = watchStrayRequests(() => void (count += 1));
  try {
    await run();
  } catch {
    /* the caller asserts on the failure itself */
  } finally {
    stop();
  }
  return count;
}
