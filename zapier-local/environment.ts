/**
 * The sandbox environment a Zap runs in: the app under core's tester (with Zapier's input coercion),
 * the local Storeganise business, the stand-in hook URL, and how a caught delivery reaches perform.
 */
import { timingSafeEqual } from 'node:crypto';
import App from '../index';
import { API_URL_ENV } from '../src/client';
import { createZapierRuntime, ZapierCache } from './runtime';
import { type CaughtHook, HookReceiver } from './receiver';
import { signBody } from '../sandbox/deliveries';
import { Sandbox, type SandboxOptions } from '../sandbox/server';

/** The operations the lifecycle drives, by the keys the app defines them under. */
export const KEYS = {
  moveInTrigger: 'new_move_in',
  moveInPolling: 'new_move_in_polling',
  findJob: 'find_job',
  addCharge: 'add_unit_rental_charge',
} as const;
export const MOVE_IN_EVENT = 'job.unit_moveIn.created';

type AnyApp = Record<string, any>;
export type AppTester = (method: any, bundle: Record<string, unknown>) => Promise<any>;

export const app = App as unknown as AnyApp;
/** The app as Zapier runs it (zapier-local/runtime.ts: core's handler, z.cache over RPC, coerced inputs). */
const runtime = createZapierRuntime(App, { cache: new ZapierCache() });
export const appTester: AppTester = (method, bundle) => runtime(method, bundle);

export class NotAvailable extends Error {
  constructor(what: string) {
    super(`${what} is not available in this build`);
    this.name = 'NotAvailable';
  }
}

/** `triggers.<key>.operation.<method>` etc., or NotAvailable naming what is missing. */
export function operation(
  kind: 'triggers' | 'searches' | 'creates',
  key: string,
  method: string,
): (...args: never[]) => unknown {
  const noun = { triggers: 'trigger', searches: 'search', creates: 'create' }[kind];
  const label = `${noun} "${key}" (${method})`;
  const fn = app[kind]?.[key]?.operation?.[method];
  if (typeof fn !== 'function') throw new NotAvailable(label);
  return fn;
}

/** A started sandbox + hook receiver with the app pointed at the sandbox; `close()` undoes it all. */
export interface Environment {
  sandbox: Sandbox;
  receiver: HookReceiver;
  authData: Record<string, string>;
  close(): Promise<void>;
}

/** A new environment is a new Zapier account too: nothing in z.cache carries over. */
function clearZapierCache(): void {
  runtime.cache.clear();
}

export async function startEnvironment(options: SandboxOptions = {}): Promise<Environment> {
  clearZapierCache();
  const sandbox = await new Sandbox(options).start();
  const receiver = await new HookReceiver().start();
  const previous = process.env[API_URL_ENV];
  process.env[API_URL_ENV] = sandbox.apiUrl;
  return {
    sandbox,
    receiver,
    authData: sandbox.authData(),
    async close() {
      if (previous === undefined) delete process.env[API_URL_ENV];
      else process.env[API_URL_ENV] = previous;
      await Promise.all([receiver.stop(), sandbox.stop()]);
    },
  };
}

/** Zapier's perform bundle for a hook that arrived at the receiver. */
export function hookBundle(
  hook: CaughtHook,
  authData: Record<string, string>,
  subscribeData?: unknown,
): Record<string, unknown> {
  return {
    authData,
    inputData: {},
    cleanedRequest: hook.cleanedRequest,
    rawRequest: hook.rawRequest,
    subscribeData,
    meta: {},
  };
}

/** Runs the trigger's perform for a caught hook, as Zapier does after answering Storeganise. */
export function perform(
  triggerKey: string,
  hook: CaughtHook,
  authData: Record<string, string>,
  subscribeData?: unknown,
): Promise<Array<Record<string, unknown>>> {
  return appTester(operation('triggers', triggerKey, 'perform'), hookBundle(hook, authData, subscribeData));
}

export function signatureValid(secret: string, hook: CaughtHook): boolean {
  const given = hook.rawRequest.headers['Http-Sg-Signature'];
  if (!given) return false;
  // what the sandbox would have signed (its one signer): the delivery arrived as Storeganise sent it
  const expected = Buffer.from(signBody(secret, hook.rawRequest.content));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
