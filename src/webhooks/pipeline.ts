/**
 * The perform pipeline shared by every instant trigger (REST hooks and the manual set-up hook):
 *
 *   sg-signature check on the raw body → body (the signed raw body; cleanedRequest only when no secret
 *   is set and there is no raw body) → each event judged alone → only the trigger's event types and
 *   chosen states and changed fields → drop events this Zap already handled (dedupe.ts) → fetch the records the events
 *   name, each once, in parallel (fetch.ts) → one output per event, records inline (output.ts).
 * Skipped, duplicate, forged and malformed events cost no request.
 *
 * What happens to bad input (never an untyped crash, never a lost valid event):
 * - body not JSON, empty, not an object/array, over MAX_BODY_CHARS or MAX_BATCH events: HaltedError (the
 *   run shows as halted with the reason; nothing can be salvaged);
 * - secret configured and signature missing, wrong or unverifiable (no raw body): every event dropped,
 *   one log line (no secret, no signature in it);
 * - one event malformed (not an object, id/type/data missing or of the wrong type, an id in data not a
 *   string, main id missing): that event dropped with a log line; the batch's valid events go on;
 * - every event in the body malformed: HaltedError listing why;
 * - event of another type (even a malformed one), invoice state not chosen, no chosen field changed:
 *   skipped with a log line (normal traffic);
 * - unknown (future) type on the generic/manual trigger: passes through, records by pattern;
 * - an event this Zap already handled (a Storeganise retry, a second POST): skipped with a log line, no request;
 * - a record answers 404 (deleted meanwhile): the event with that record null and a `note` saying so;
 * - a record request fails otherwise: the claims are released and the run fails; when the failure may
 *   pass (5xx, 429, network, timeout) as a ThrottledError, which Zapier retries once
 *   (delivery-failures.ts);
 * - Zapier's cache fails while claiming: nothing is handed on, a ThrottledError (retried once, after any
 *   claim left has lapsed); while marking handled: the outputs are handed on, one log line.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { eachLimited, runToken } from '../cache';
import { redact } from '../client';
import { isEventType } from '../events/catalog';
import { type Claim, CLAIM, claimEvent, markHandled, releaseClaims, subscriptionOf } from './dedupe';
import { cannotClaim, fetchFailed, type Released } from './delivery-failures';
import { fetchRecords } from './fetch';
import { eventOutput, type EventOutput } from './event-output';
import { isId, type WebhookEvent } from './event-records';
import { isPlainObject, judgeEvent, short } from './judge-event';
import { checkSignature, headerValue, SIGNATURE_HEADER } from './signature';

export { judgeEvent, MAX_ID_LENGTH } from './judge-event';

export const MAX_BODY_CHARS = 1_000_000;
export const MAX_BATCH = 500;

export interface Selection {
  /** Event types this trigger keeps; empty or absent keeps every type. */
  types?: readonly string[];
  /** New invoice states (`data.to`) to keep; empty or absent keeps every state. */
  states?: readonly string[];
  /** Sites to keep (the site of the event's record, known once it is fetched); empty or absent keeps all. */
  sites?: readonly string[];
  /** Fields of which one must be among the event's `changedKeys`; empty or absent keeps every change. */
  changed?: readonly string[];
}

/**
 * Did one of the chosen fields change? Paths match at dot boundaries both ways: `customFields` covers
 * `customFields.gate_code`, and an event that only says `customFields` changed may hold the gate code.
 */
export function changeChosen(changedKeys: unknown, chosen: readonly string[]): boolean {
  const list =
    typeof changedKeys === 'string' ? [changedKeys] : Array.isArray(changedKeys) ? changedKeys : [];
  const keys = list.filter((k): k is string => typeof k === 'string');
  const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
  return chosen.some((want) => keys.some((key) => within(key, want) || within(want, key)));
}

function halt(z: ZObject, reason: string): never {
  throw new z.errors.HaltedError(
    `Ignored a request to this Zap's webhook URL: ${reason} Storeganise sends JSON like {"id", "created", "type", "data"}.`,
  );
}

/** The raw text the signature covers, when Zapier handed it on. */
function rawBody(bundle: Bundle): string | undefined {
  const content = bundle.rawRequest?.content;
  return typeof content === 'string' ? content : undefined;
}

/**
 * The events: parsed from the raw body when there is one (exactly what was signed). Only when no
 * secret is set and Zapier handed on no raw body, from cleanedRequest (which can differ from the body,
 * e.g. carry a `querystring` key): with a secret, nothing the signature does not cover is read.
 */
function readBody(z: ZObject, bundle: Bundle, raw: string | undefined, signed: boolean): unknown {
  if (raw !== undefined && raw.length > MAX_BODY_CHARS)
    halt(z, `the body is larger than ${MAX_BODY_CHARS} characters.`);
  if (raw !== undefined && raw.trim() !== '') {
    try {
      return JSON.parse(raw);
    } catch {
      return halt(z, 'the body is not JSON.');
    }
  }
  if (signed) return halt(z, 'the signed body is empty.');
  const cleaned: unknown = bundle.cleanedRequest;
  if (Array.isArray(cleaned) || (isPlainObject(cleaned) && Object.keys(cleaned).length > 0)) {
    if (JSON.stringify(cleaned).length > MAX_BODY_CHARS)
      halt(z, `the body is larger than ${MAX_BODY_CHARS} characters.`);
    return cleaned;
  }
  return halt(z, 'the body is empty.');
}

/**
 * The secret deliveries to this Zap are signed with: the one Storeganise returned when the Zap
 * registered its webhook (REST hooks), else the connection's Webhook Signing Secret.
 */
function signingSecret(bundle: Bundle): string | undefined {
  const registered = (bundle.subscribeData as { secret?: unknown } | undefined)?.secret;
  if (typeof registered === 'string' && registered.trim()) return registered.trim();
  return bundle.authData?.webhookSecret?.trim() || undefined;
}

const logger = (z: ZObject, bundle: Bundle) => (line: string) =>
  z.console.log(redact(`Storeganise webhook: ${line}`, bundle.authData));

/** Everything an instant trigger's perform does. */
export async function processWebhook(
  z: ZObject,
  bundle: Bundle,
  selection: Selection = {},
): Promise<EventOutput[]> {
  const kept = readEvents(z, bundle, selection);
  if (!kept.length) return [];

  // Each event once per Zap: claimed before any request, so a repeat costs nothing.
  const { fresh, claims } = await claimEvents(z, bundle, kept);
  if (!fresh.length) return [];

  const store = await fetchHandled(z, bundle, fresh, claims, (onLastRound) =>
    fetchRecords(z, bundle, fresh, { onLastRound }),
  );
  return atChosenSites(
    z,
    bundle,
    fresh.map((event) => eventOutput(event, store.lookup)),
    selection.sites,
  );
}

/** "Only for Sites": the outputs at the sites a Zap chose (none chosen: all); the rest skipped with a log line. */
export function atChosenSites(
  z: ZObject,
  bundle: Bundle,
  outputs: EventOutput[],
  sites: readonly string[] | undefined,
): EventOutput[] {
  if (!sites?.length) return outputs;
  const chosen: ReadonlySet<string | undefined> = new Set(sites);
  const kept = outputs.filter((out) => chosen.has(siteOf(out)));
  if (kept.length < outputs.length)
    logger(z, bundle)(`skipped ${outputs.length - kept.length} event(s) at sites not chosen.`);
  return kept;
}

/**
 * Runs `fetch` for claimed events and marks the claims handled beside its last round (or after it, if
 * it never said which round was last). If fetching fails, the claims are released (marks included) and
 * the error says what happens next; a mark that fails is logged and the outputs still go on: they exist,
 * and a Storeganise retry within the claim's minutes is the only repeat left possible.
 */
export async function fetchHandled<T>(
  z: ZObject,
  bundle: Bundle,
  events: WebhookEvent[],
  claims: Claim[],
  fetch: (onLastRound: () => void) => Promise<T>,
): Promise<T> {
  let marking: Promise<Claim[]> | undefined;
  const mark = () => void (marking ??= markHandled(z, claims));
  let result: T;
  try {
    result = await fetch(mark);
  } catch (err) {
    await marking; // let a mark land before it is undone
    throw fetchFailed(z, events, err, await release(z, bundle, claims, marking !== undefined));
  }
  mark();
  reportUnmarked(z, bundle, (await marking) ?? []);
  return result;
}

/**
 * Releases a failed run's claims (`marked`: a handled mark went out for them); says in the log when that
 * failed too.
 */
export async function release(
  z: ZObject,
  bundle: Bundle,
  claims: Claim[],
  marked: boolean,
): Promise<Released> {
  if (await releaseClaims(z, claims)) return 'released';
  if (marked) return 'stuck';
  logger(
    z,
    bundle,
  )(
    `could not release their claims: a new delivery of them is handled once ${CLAIM.ttlSeconds} s have passed.`,
  );
  return 'lapse';
}

/** Outputs go on when their handled marks could not be written: the log says what that risks. */
export function reportUnmarked(z: ZObject, bundle: Bundle, unmarked: Claim[]): void {
  if (!unmarked.length) return;
  const ids = unmarked
    .slice(0, 5)
    .map((c) => short(c.eventId))
    .join(', ');
  logger(
    z,
    bundle,
  )(
    `handed on ${unmarked.length} event(s) (${ids}${unmarked.length > 5 ? ', …' : ''}), but Zapier's cache did ` +
      'not record them as handled: a repeat delivered within the next minutes may run the Zap again.',
  );
}

/** The site an output is about: its site record, else the site its first record names. */
export function siteOf(out: EventOutput): string | undefined {
  const site = out.site as { id?: unknown } | null | undefined;
  if (site && typeof site.id === 'string') return site.id;
  for (const key of ['job', 'unitRental', 'newUnitRental', 'invoice', 'unit']) {
    const record = out[key] as { siteId?: unknown } | null | undefined;
    if (record && typeof record.siteId === 'string' && record.siteId) return record.siteId;
  }
  return undefined;
}

/**
 * Claims each event for this run of this Zap (dedupe.ts): events already handled, or being handled
 * by another run, are left out with a log line. Without a subscription nothing can be remembered.
 * When Zapier's cache cannot answer, the claims taken are released and the run ends with a
 * ThrottledError: nothing is handed on that the app cannot account for (delivery-failures.ts).
 */
export async function claimEvents(
  z: ZObject,
  bundle: Bundle,
  events: WebhookEvent[],
): Promise<{ fresh: WebhookEvent[]; claims: Claim[] }> {
  const log = logger(z, bundle);
  const subscription = subscriptionOf(bundle);
  if (!subscription) {
    log('no subscription to remember handled events by: duplicates are not filtered.');
    return { fresh: events, claims: [] };
  }
  const run = runToken();
  const settled = await eachLimited(events, (event) => claimEvent(z, bundle, subscription, event.id, run));
  const claims: Claim[] = [];
  const fresh: WebhookEvent[] = [];
  const duplicates: string[] = [];
  let failure: unknown;
  for (const [i, event] of events.entries()) {
    const outcome = settled[i];
    if (outcome.status === 'rejected') {
      failure ??= outcome.reason;
      continue;
    }
    const result = outcome.value;
    if ('skip' in result) {
      duplicates.push(
        `${short(event.id)} (${result.skip === 'handled' ? 'already handled by this Zap' : 'being handled by another run of this Zap'})`,
      );
      continue;
    }
    claims.push(result.claimed);
    fresh.push(event);
  }
  if (failure !== undefined) {
    await releaseClaims(z, claims);
    throw cannotClaim(z, events, failure);
  }
  if (duplicates.length) log(`skipped ${duplicates.length} repeated event(s): ${list(duplicates)}.`);
  return { fresh, claims };
}

/**
 * The events of a delivery this trigger keeps: signature checked first, then the body read and each
 * event judged, filtered by type and state, and deduplicated within the delivery. No request, no cache.
 */
export function readEvents(z: ZObject, bundle: Bundle, selection: Selection = {}): WebhookEvent[] {
  const secret = signingSecret(bundle);
  const log = logger(z, bundle);
  const raw = rawBody(bundle);

  // The signature comes first: an unsigned or forged request is dropped before anything is read from it.
  if (secret) {
    const check =
      raw === undefined
        ? 'unverifiable'
        : checkSignature(secret, raw, headerValue(bundle.rawRequest?.headers, SIGNATURE_HEADER));
    if (check !== 'valid') {
      const why = {
        missing: 'it carries no sg-signature header',
        mismatch: 'its sg-signature does not match the Webhook Signing Secret this Zap checks against',
        unverifiable: 'its raw body was not available to check the sg-signature',
      }[check];
      const items = peek(raw, bundle);
      log(
        `dropped ${items.length || 1} event(s) (${idsOf(items)}) because ${why}. If Storeganise sent them, check the connection's Webhook Signing Secret.`,
      );
      return [];
    }
  }

  const body = readBody(z, bundle, raw, !!secret);
  if (!Array.isArray(body) && !isPlainObject(body))
    halt(z, `the body is ${body === null ? 'null' : typeof body}, not an event or a list of events.`);
  const items: unknown[] = Array.isArray(body) ? body : [body];
  if (items.length > MAX_BATCH) halt(z, `the body holds ${items.length} events, more than ${MAX_BATCH}.`);
  if (items.length === 0) {
    log('an empty list of events arrived; nothing to do.');
    return [];
  }

  const types = selection.types?.length ? new Set(selection.types) : undefined;
  const states = selection.states?.length ? new Set(selection.states.map((s) => s.toLowerCase())) : undefined;
  const changed = selection.changed?.length ? selection.changed : undefined;
  const problems: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const kept: WebhookEvent[] = [];
  items.forEach((item, index) => {
    // another trigger's event is skipped even when it is malformed: it is not this trigger's business
    if (types && isPlainObject(item) && isEventType(item.type) && !types.has(item.type)) {
      skipped.push(
        `${isId(item.id) ? short(item.id) : `event ${index + 1}`} (${item.type}: not an event type this trigger listens to)`,
      );
      return;
    }
    const judged = judgeEvent(item);
    if ('problem' in judged) {
      problems.push(`event ${index + 1} ${judged.problem}`);
      return;
    }
    const { event } = judged;
    const to = event.data.to;
    if (states && !(typeof to === 'string' && states.has(to.toLowerCase()))) {
      skipped.push(`${short(event.id)} (new state ${typeof to === 'string' ? to : 'unknown'} not chosen)`);
      return;
    }
    if (changed && !changeChosen(event.data.changedKeys, changed)) {
      skipped.push(`${short(event.id)} (none of the chosen fields changed)`);
      return;
    }
    if (seen.has(event.id)) {
      skipped.push(`${short(event.id)} (twice in one delivery)`);
      return;
    }
    seen.add(event.id);
    kept.push(event);
  });

  if (problems.length) log(`dropped ${problems.length} malformed event(s): ${list(problems)}.`);
  if (skipped.length) log(`skipped ${skipped.length} event(s): ${list(skipped)}.`);
  if (problems.length === items.length) halt(z, `${problems.slice(0, 3).join('; ')}.`);
  return kept;
}

const list = (lines: string[]) => `${lines.slice(0, 10).join('; ')}${lines.length > 10 ? '; …' : ''}`;

/** The events of a body for a log line only: never throws. */
function peek(raw: string | undefined, bundle: Bundle): unknown[] {
  let body: unknown = bundle.cleanedRequest;
  if (raw !== undefined && raw.length <= MAX_BODY_CHARS) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
  }
  return Array.isArray(body) ? body : isPlainObject(body) ? [body] : [];
}

function idsOf(items: unknown[]): string {
  const ids = items
    .map((item) => (isPlainObject(item) && isId(item.id) ? short(item.id) : undefined))
    .filter((id): id is string => !!id);
  if (!ids.length) return 'no ids';
  return `ids ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
}
