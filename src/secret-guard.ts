/**
 * The last line of defence for secrets: every function Zapier calls on the app (performs, dynamic
 * fields, subscribe/unsubscribe, sample lists, the connection test and label) runs through `guard`.
 * Only what core does not do itself is done here, each rule for a reason its spec shows
 * (test/secret-guard.test.ts):
 * - results: core hands a step's output on as it is; an answer that echoes the key would carry it;
 * - errors, whoever threw them: core appends its request trail and the run's console lines to an
 *   error's message (`doNotContextify` stops it) and keeps the message whole; here every text field is
 *   censored and bounded;
 * - z.console lines: core's logger scrubs the connection's values only as stored, so the key as sent
 *   (trimmed, cleaned of what copy-paste adds) or JSON- or URL-escaped would reach Zapier's logs.
 * The client already redacts what it raises; this covers everything else.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { boundText, censor, errorJson, redactDeep, secretForms } from './client';

type Operation = (z: ZObject, bundle: Bundle) => unknown;

/** Longest error message that leaves the app; a user reads it in the Zap history. */
export const MAX_ERROR_MESSAGE = 2000;

/** Longest text per field of an error's JSON (`message`, a ResponseError's `content`). */
const MAX_ERROR_FIELD = 1000;

/** Strings of a parsed error message, censored and bounded; only a few levels: these are flat. */
function cleanFields(value: unknown, forms: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return boundText(censor(value, forms), MAX_ERROR_FIELD);
  if (!value || typeof value !== 'object' || depth > 3) return redactDeep(value, forms);
  const out: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
  for (const [key, child] of Object.entries(value))
    out[censor(key, forms)] = cleanFields(child, forms, depth + 1);
  return out;
}

/** A message as it may leave: Zapier's JSON messages stay JSON, with every field censored and bounded. */
function cleanMessage(message: string, forms: readonly string[]): string {
  // Zapier's own errors carry their fields as JSON: they stay JSON, each field cleaned
  const fields = errorJson(message);
  if (fields) return JSON.stringify(cleanFields(fields, forms));
  return boundText(censor(message, forms), MAX_ERROR_MESSAGE);
}

/**
 * The error as it may leave the app: message and every text property censored and bounded, the
 * stack reduced to its frames under the clean message, and core told not to append its request
 * trail and console log (which quote answers) to the message.
 */
export function cleanError(err: unknown, forms: readonly string[]): unknown {
  if (typeof err === 'string') return cleanMessage(err, forms);
  // Duck-typed: errors from node internals may come from another realm, where instanceof fails.
  if (!err || typeof (err as Error).message !== 'string') return redactDeep(err, forms);
  const e = err as Error;
  const frames =
    typeof e.stack === 'string' ? e.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  e.message = cleanMessage(e.message, forms);
  // an Error's own message is not enumerable; one that is (a plain object thrown) is cleaned again, to the same
  for (const [key, value] of Object.entries(e)) {
    if (typeof value === 'string')
      (e as unknown as Record<string, unknown>)[key] = cleanMessage(value, forms);
  }
  e.stack = [`${e.name}: ${e.message}`, ...frames.slice(0, 20)].join('\n');
  (e as Error & { doNotContextify?: boolean }).doNotContextify = true;
  return e;
}

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

/** z with a console whose lines are censored; everything else is z's own. */
function guardedZ(z: ZObject, forms: readonly string[]): ZObject {
  const console = new Proxy(z.console, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function' || !CONSOLE_METHODS.has(String(prop))) return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => unknown).apply(
          target,
          args.map((arg) =>
            arg instanceof Error ? censor(String(arg.stack), forms) : redactDeep(arg, forms),
          ),
        );
    },
  });
  return { ...z, console };
}

/** One function Zapier calls, guarded. `keepOutput`: a result Zapier stores for the app itself. */
const GUARDED = Symbol('guarded');

export function guard<F extends Operation>(fn: F, keepOutput = false): F {
  if ((fn as F & { [GUARDED]?: true })[GUARDED]) return fn;
  const guarded = async (z: ZObject, bundle: Bundle) => {
    const forms = secretForms(bundle?.authData);
    try {
      const result = await fn(guardedZ(z, forms), bundle);
      return keepOutput ? result : redactDeep(result, forms);
    } catch (err) {
      throw cleanError(err, forms);
    }
  };
  return Object.assign(guarded, { [GUARDED]: true as const }) as unknown as F;
}

/**
 * Subscribe's result becomes the subscription's stored data (it may hold the registered webhook's
 * own signing secret, which the pipeline needs as it is); it is never shown as a step's output.
 */
const STORED_OUTPUTS = new Set(['performSubscribe']);

function guardOperation<T extends Record<string, unknown>>(operation: T): T {
  const out: Record<string, unknown> = { ...operation };
  for (const [key, value] of Object.entries(operation)) {
    if (typeof value === 'function') out[key] = guard(value as Operation, STORED_OUTPUTS.has(key));
    else if (Array.isArray(value)) {
      out[key] = value.map((item: unknown) => (typeof item === 'function' ? guard(item as Operation) : item));
    }
  }
  return out as T;
}

type Definitions = Record<string, { operation?: Record<string, unknown> }>;

function guardDefinitions<T extends Definitions | undefined>(defs: T): T {
  if (!defs) return defs;
  const out: Definitions = {};
  for (const [key, def] of Object.entries(defs)) {
    out[key] = def.operation ? { ...def, operation: guardOperation(def.operation) } : def;
  }
  return out as T;
}

interface GuardableApp {
  authentication?: unknown;
  triggers?: unknown;
  searches?: unknown;
  creates?: unknown;
}

/** The app with every function Zapier calls guarded (see the top of this file). Returns a copy. */
export function withSecretGuard<A extends GuardableApp>(app: A): A {
  const auth = app.authentication as Record<string, unknown> | undefined;
  const guarded: GuardableApp = { ...app };
  if (auth) guarded.authentication = guardOperation(auth);
  for (const kind of ['triggers', 'searches', 'creates'] as const) {
    if (app[kind]) guarded[kind] = guardDefinitions(app[kind] as Definitions);
  }
  return guarded as A;
}
