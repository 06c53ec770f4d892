/**
 * What every adversarial case checks, in one place: the operation runs through the real app (its
 * last-line redaction included), every HTTP request it tries is recorded (answered or not), and
 * whatever leaves — result, error, log line — is searched for the connection's secrets.
 */
import nock from 'nock';
import { API_KEY, App, appTester, AUTH, userMessage, watchStrayRequests, WEBHOOK_SECRET } from '../helpers';

export { ADMIN, API_KEY, App, appTester, AUTH, HOST, sg, userMessage, WEBHOOK_SECRET } from '../helpers';

type Fn = (...args: never[]) => unknown;
type Operations = Record<string, { operation: Record<string, Fn> & { inputFields?: unknown[] } }>;

/** The app as Zapier sees it: every function reachable by its path, whatever the definition's precise types. */
export const app = App as unknown as {
  authentication: { test: Fn; connectionLabel: Fn };
  hydrators: Record<string, Fn>;
  triggers: Operations;
  searches: Operations;
  creates: Operations;
};

/** Each case must finish well within this (ms); a hang fails the case instead of the suite. */
export const CASE_MS = 10_000;

/** Errors a user may read: Zapier's typed errors. Anything else (TypeError, URIError, RangeError…) is a defect. */
export const TYPED = new Set(['AppError', 'ThrottledError', 'ExpiredAuthError', 'HaltedError']);

/** Longest message a user may be shown (the app bounds Storeganise's words far below this). */
export const MAX_USER_MESSAGE = 2_000;

export interface Outcome {
  result?: unknown;
  error?: Error;
  /** Requests the run tried that no interceptor of the case allowed, as `METHOD proto://host:port/path`. */
  stray: string[];
  /** What reached z.console and the HTTP log (LOG_TO_STDOUT). */
  logs: string;
}

/** Runs one of the app's functions with a bundle, recording requests, logs and the outcome. */
export async function attempt(method: unknown, bundle: Record<string, unknown>): Promise<Outcome> {
  const stray: string[] = [];
  const stopWatching = watchStrayRequests((line) => void stray.push(line));
  const lines: string[] = [];
  const spy = jest
    .spyOn(console, 'log')
    .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  process.env.LOG_TO_STDOUT = '1';
  process.env.DETAILED_LOG_TO_STDOUT = '1';
  const outcome: Outcome = { stray, logs: '' };
  try {
    outcome.result = await appTester(method as never, { authData: AUTH, ...bundle });
  } catch (err) {
    outcome.error = err as Error;
  } finally {
    stopWatching();
    spy.mockRestore();
    delete process.env.LOG_TO_STDOUT;
    delete process.env.DETAILED_LOG_TO_STDOUT;
    outcome.logs = lines.join('\n');
  }
  return outcome;
}

/** Every string reachable from a value (keys included), without recursion. */
export function strings(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [value];
  while (pending.length) {
    const node = pending.pop();
    if (typeof node === 'string') out.push(node);
    else if (node && typeof node === 'object' && !seen.has(node)) {
      seen.add(node);
      for (const [k, v] of Object.entries(node)) {
        out.push(k);
        pending.push(v);
      }
    }
  }
  return out;
}

/** The secret forms a leak could take: as configured and as cleaned/trimmed. */
export const SECRETS = [API_KEY, WEBHOOK_SECRET];

/** Asserts no secret appears in the result, the error (message, stack, properties) or the logs. */
export function expectNoSecret(outcome: Outcome, secrets: readonly string[] = SECRETS): void {
  const texts = [
    ...strings(outcome.result),
    ...(outcome.error
      ? [outcome.error.message, String(outcome.error.stack), ...strings({ ...outcome.error })]
      : []),
    outcome.logs,
  ];
  for (const secret of secrets) {
    for (const text of texts) {
      expect(text.includes(secret) ? `${secret} leaked in: ${text.slice(0, 300)}` : 'clean').toBe('clean');
    }
  }
}

/** Asserts the run failed with a typed Zapier error of a readable length (and the code, when given). */
export function expectTypedError(
  outcome: Outcome,
  code?: string,
): { message: string; code?: string; status?: number } {
  expect(outcome.error).toBeDefined();
  const err = outcome.error as Error;
  expect(TYPED.has(err.name) ? err.name : `untyped ${err.name}: ${err.message.slice(0, 200)}`).toBe(err.name);
  expect(err.message.length).toBeLessThanOrEqual(MAX_USER_MESSAGE);
  const parsed = userMessage(err);
  if (code) expect(parsed.code).toBe(code);
  return parsed;
}

export { nock };

/**
 * A webhook delivery as Zapier hands it to a trigger's perform, signed with the test secret: what
 * the pipeline reads before it fetches the records the event names.
 */
export function signedDelivery(
  event: Record<string, unknown>,
  subscribeData: Record<string, unknown> = { id: 'wh_adv' },
) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHmac } = require('node:crypto') as typeof import('node:crypto');
  const content = JSON.stringify(event);
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(content).digest('base64');
  return {
    inputData: {},
    subscribeData,
    cleanedRequest: event,
    rawRequest: { method: 'POST', querystring: '', content, headers: { 'Http-Sg-Signature': signature } },
  };
}
