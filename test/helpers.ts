import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { createStrictAppTester } from './runtime/app-tester';

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
 * The runtime every spec uses: core's app tester with a z.cache as strict as production's
 * (test/runtime/cache.ts: ttl, scope, nx; `appTester.cache` to inspect it and move its clock).
 */
export const appTester = createStrictAppTester(App);
/** Core's own tester, whose z.cache ignores ttl, scope and nx: code must still work on it. */
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

/** How many HTTP requests `run` tried to make that no nock mock answered (refused before sending = 0). */
export async function unansweredRequests(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const count1 = () => void (count += 1);
  nock.emitter.on('no match', count1);
  try {
    await run();
  } catch {
    /* the caller asserts on the failure itself */
  } finally {
    nock.emitter.removeListener('no match', count1);
  }
  return count;
}
