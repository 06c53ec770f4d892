/**
 * End to end over real HTTP on 127.0.0.1: the app (through zapier-platform-core's app tester)
 * against the sandbox business, webhooks delivered by the sandbox to a local hook receiver.
 * No nock mocks here; only loopback connections are allowed.
 *
 * One specification, run twice: by test/zapier-local/lifecycle.test.ts against the default sandbox, where every list
 * filter and include works, and by test/zapier-local/lifecycle-strict.test.ts against a strict one that ignores those
 * Storeganise is not known to have (sandbox/store.ts), so the app is seen to work on a tenant without them.
 */
import {
  type Environment,
  hookBundle,
  KEYS,
  MOVE_IN_EVENT,
  operation,
  perform,
  runLifecycle,
  signatureValid,
  startEnvironment,
  appTester,
} from '../../zapier-local/lifecycle';
import { signBody } from '../../sandbox/server';
import { App, failure, userMessage } from '../helpers';

/** Registers the end-to-end specification against the default (`strict: false`) or the strict sandbox. */
export function specifyEndToEnd(mode: { strict: boolean }): void {
  let env: Environment;

  beforeEach(async () => {
    // the trigger logs each dropped or skipped event through z.console; those lines are asserted on elsewhere
    jest.spyOn(console, 'log').mockImplementation(() => {});
    env = await startEnvironment({ retryDelayMs: 10, strict: mode.strict });
  });

  afterEach(async () => {
    await env.close();
    jest.restoreAllMocks();
  });

  /** Turns the Zap on: the move-in trigger's performSubscribe with the receiver as Zapier's hook URL. */
  async function subscribe(): Promise<{ id: string }> {
    return appTester(operation('triggers', KEYS.moveInTrigger, 'performSubscribe'), {
      authData: env.authData,
      inputData: {},
      targetUrl: env.receiver.url,
      meta: {},
    });
  }

  describe('the whole Zap (the same lifecycle as npm start)', () => {
    it('passes every step: connect, subscribe, delivery, perform, map, redelivery, the polling twin, find, charge, replay, unsubscribe', async () => {
      const lines: string[] = [];
      const result = await runLifecycle(env, (line) => lines.push(line));

      expect(result.steps.filter((s) => !s.ok)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.steps).toHaveLength(12);
      expect(lines.join('\n')).not.toContain(env.sandbox.apiKey);
      expect(lines.join('\n')).not.toContain(env.sandbox.signingSecret);

      const { context } = result;
      expect(context.hydratedJob).toMatchObject({
        id: context.job.id,
        type: 'unit_moveIn',
        unitRentalId: context.unitRental.id,
      });
      // perform fetched the job, then its rental, customer, unit and site in one parallel round; the next
      // step maps them without a request, and the same delivery again costs nothing
      expect(result.steps[4].requests).toBe(5);
      expect(lines.join('\n')).toMatch(/requests: GET jobs\/\S+, GET (unit-rentals|users|units|sites)\//);
      expect(context.output).toMatchObject({
        customer: { email: expect.any(String) },
        unit: { name: expect.any(String) },
        site: { name: expect.any(String) },
      });
      expect(result.steps[5].requests).toBe(0);
      expect(result.steps[6].requests).toBe(0);
      expect(env.sandbox.webhooks.size).toBe(0);
    });
  });

  describe('webhook delivery', () => {
    it('retries a failed delivery: the receiver fails first, the second attempt is accepted and performed', async () => {
      await subscribe();
      env.receiver.failNext(1, 503);
      const { job, deliveries } = env.sandbox.createMoveIn();
      const [delivery] = await deliveries;

      expect(delivery.delivered).toBe(true);
      expect(delivery.attempts.map((a) => a.status)).toEqual([503, 200]);
      // both attempts carry the same event (same id, same signed body): Zapier can dedupe on the id
      const [first, second] = env.receiver.arrivals;
      expect(first.status).toBe(503);
      expect(second.rawRequest.content).toBe(first.rawRequest.content);
      expect(second.rawRequest.headers['Http-Sg-Signature']).toBe(
        first.rawRequest.headers['Http-Sg-Signature'],
      );

      const hook = await env.receiver.next();
      const out = await perform(KEYS.moveInTrigger, hook, env.authData);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ type: MOVE_IN_EVENT, jobId: job.id });
    });

    it('gives up after 3 attempts (2 retries) when the hook URL keeps failing', async () => {
      await subscribe();
      env.receiver.failNext(5, 500);
      const [delivery] = await env.sandbox.createMoveIn().deliveries;
      expect(delivery.delivered).toBe(false);
      expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
      expect(env.receiver.arrivals).toHaveLength(3);
    });

    it('counts a hook URL that does not answer within the deadline as failed, and retries', async () => {
      await env.close();
      env = await startEnvironment({ retryDelayMs: 10, deliveryTimeoutMs: 150, strict: mode.strict });
      await subscribe();
      env.receiver.holdNext(1);
      const [delivery] = await env.sandbox.createMoveIn().deliveries;
      expect(delivery.attempts[0].error).toMatch(/no answer within 150 ms/);
      expect(delivery.attempts[1].status).toBe(200);
      expect(delivery.delivered).toBe(true);
    });

    it('signs the body with sg-signature = base64 HMAC-SHA256 of the signing secret, and sends ids only', async () => {
      await subscribe();
      await env.sandbox.createMoveIn().deliveries;
      const hook = await env.receiver.next();
      expect(hook.rawRequest.headers['Http-Sg-Signature']).toBe(
        signBody(env.sandbox.signingSecret, hook.rawRequest.content),
      );
      expect(hook.rawRequest.headers['Http-Content-Type']).toBe('application/json');
      const event = JSON.parse(hook.rawRequest.content);
      expect(Object.keys(event).sort()).toEqual(['created', 'data', 'id', 'type']);
      expect(Object.keys(event.data)).toEqual(['jobId']);
    });

    it('drops a forged event: wrong signature, or a body changed after signing', async () => {
      await subscribe();
      const { job, deliveries } = env.sandbox.createMoveIn();
      await deliveries;
      const real = await env.receiver.next();
      expect(signatureValid(env.sandbox.signingSecret, real)).toBe(true);
      const before = env.sandbox.requests.length;

      // signed with another secret
      const forgedBody = JSON.stringify({
        id: 'evt_forged',
        created: new Date().toISOString(),
        type: MOVE_IN_EVENT,
        data: { jobId: job.id },
      });
      const forged = {
        cleanedRequest: JSON.parse(forgedBody),
        rawRequest: {
          ...real.rawRequest,
          content: forgedBody,
          headers: {
            ...real.rawRequest.headers,
            'Http-Sg-Signature': signBody('not-the-secret', forgedBody),
          },
        },
        status: 200,
      };
      expect(await perform(KEYS.moveInTrigger, forged, env.authData)).toEqual([]);

      // the real signature over a tampered body
      const tamperedBody = real.rawRequest.content.replace(job.id, '5a0d00000000f00000000001');
      const tampered = {
        ...real,
        cleanedRequest: JSON.parse(tamperedBody),
        rawRequest: { ...real.rawRequest, content: tamperedBody },
      };
      expect(await perform(KEYS.moveInTrigger, tampered, env.authData)).toEqual([]);

      // no signature at all
      const { 'Http-Sg-Signature': _dropped, ...unsigned } = real.rawRequest.headers;
      expect(
        await perform(
          KEYS.moveInTrigger,
          { ...real, rawRequest: { ...real.rawRequest, headers: unsigned } },
          env.authData,
        ),
      ).toEqual([]);

      // nothing above reached Storeganise; the genuine delivery still goes through
      expect(env.sandbox.requests.length).toBe(before);
      expect(await perform(KEYS.moveInTrigger, real, env.authData)).toHaveLength(1);
    });

    it('ignores an event type the trigger does not watch, without a request', async () => {
      env.sandbox.addWebhook({ url: env.receiver.url, events: ['unitRental.updated'] });
      const rental = env.sandbox.data.unitRentals[0];
      await env.sandbox.emit('unitRental.updated', {
        unitRentalId: rental.id,
        changedKeys: ['customFields.gate_code'],
      });
      const hook = await env.receiver.next();
      const before = env.sandbox.requests.length;
      expect(await perform(KEYS.moveInTrigger, hook, env.authData)).toEqual([]);
      expect(env.sandbox.requests.length).toBe(before);
    });

    it('a move-in created through the API (POST jobs) is announced to the subscribed Zap too', async () => {
      const subscribeData = await subscribe();
      const owner = env.sandbox.data.users[1];
      const response = await fetch(`${env.sandbox.url}/${env.sandbox.businessCode}/api/v1/admin/jobs`, {
        method: 'POST',
        headers: { authorization: `ApiKey ${env.sandbox.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'unit_moveIn',
          ownerId: owner.id,
          data: { unitId: env.sandbox.data.units[3].id },
        }),
      });
      expect(response.status).toBe(201);
      const job = (await response.json()) as { id: string };
      const hook = await env.receiver.next();
      const [out] = await perform(KEYS.moveInTrigger, hook, env.authData, subscribeData);
      expect(out.job).toMatchObject({
        id: job.id,
        customerId: owner.id,
        unitId: env.sandbox.data.units[3].id,
      });
      expect(out.customer).toMatchObject({ id: owner.id, email: owner.email });
      expect(out.unit).toMatchObject({ id: env.sandbox.data.units[3].id });
    });
  });

  describe('Storeganise failures surface as the right Zapier errors', () => {
    const findJob = (jobId: string) =>
      appTester(operation('searches', KEYS.findJob, 'perform'), {
        authData: env.authData,
        inputData: { jobId },
      });
    const seededJob = () => env.sandbox.data.jobs[0].id;

    it('429 with Retry-After becomes ThrottledError; the retry then succeeds', async () => {
      env.sandbox.failWith({ status: 429, times: 1, retryAfter: 7 });
      const err = await failure(findJob(seededJob()));
      expect(err.name).toBe('ThrottledError');
      expect(userMessage(err).delay).toBe(7);
      const found = await findJob(seededJob());
      expect(found[0].id).toBe(seededJob());
    });

    it('a 5xx becomes an "unavailable" error that names the status', async () => {
      env.sandbox.failWith({ status: 503, times: 1 });
      const err = await failure(findJob(seededJob()));
      expect(userMessage(err)).toMatchObject({ code: 'unavailable', status: 503 });
      expect(userMessage(err).message).toMatch(/HTTP 503/);
    });

    it('a throttled record fetch fails the run with ThrottledError (Zapier retries it), and the retry runs the event', async () => {
      const subscribeData = await subscribe();
      env.sandbox.createMoveIn();
      const hook = await env.receiver.next();
      env.sandbox.failWith({ status: 429, times: 1, match: /^GET jobs\// });
      const err = await failure(perform(KEYS.moveInTrigger, hook, env.authData, subscribeData));
      expect(err.name).toBe('ThrottledError');
      const [out] = await perform(KEYS.moveInTrigger, hook, env.authData, subscribeData);
      expect(out.job).toMatchObject({ type: 'unit_moveIn' });
    });

    it('a wrong API key is refused (401) and the connection test says to reconnect', async () => {
      const err = await failure(
        appTester((App as any).authentication.test, {
          authData: { ...env.authData, apiKey: 'wrong-key-0000' },
          inputData: {},
        }),
      );
      expect(err.name).toBe('ExpiredAuthError');
      expect(err.message).not.toContain('wrong-key-0000');
    });

    it('a search miss is an empty result (404 from the sandbox)', async () => {
      expect(await findJob('5a0d00000000f0000000beef')).toEqual([]);
    });
  });

  describe('operations missing from a build', () => {
    it('are reported as "not available in this build" (npm start then fails that step)', () => {
      expect(() => operation('searches', 'no_such_search', 'perform')).toThrow(
        'search "no_such_search" (perform) is not available in this build',
      );
      expect(() => operation('triggers', 'no_such_trigger', 'performSubscribe')).toThrow(
        'trigger "no_such_trigger" (performSubscribe) is not available in this build',
      );
    });
  });

  describe('the trigger through the runtime with the bundle Zapier builds', () => {
    it('takes rawRequest headers with the Http- prefix and the raw body as content', async () => {
      await subscribe();
      env.sandbox.createMoveIn();
      const hook = await env.receiver.next();
      const bundle = hookBundle(hook, env.authData);
      expect(Object.keys(bundle.rawRequest as object)).toEqual(
        expect.arrayContaining(['method', 'headers', 'content', 'querystring']),
      );
      expect(Object.keys(hook.rawRequest.headers).every((name) => name.startsWith('Http-'))).toBe(true);
    });
  });

  describe('what leans on list filters and includes (strict mode ignores the unconfirmed ones)', () => {
    const run = (
      kind: 'triggers' | 'searches',
      key: string,
      method: string,
      inputData: Record<string, unknown> = {},
    ) =>
      appTester(operation(kind, key, method), {
        authData: env.authData,
        inputData,
        meta: { isLoadingSample: true },
      });

    it.each([
      ['new_valet_order', 'valetOrder'],
      ['new_move_in', 'unit_moveIn'],
      ['new_move_out', 'unit_moveOut'],
    ])('sample data of %s shows only %s jobs', async (key, jobType) => {
      const samples: Array<{ job: { type: string } }> = await run('triggers', key, 'performList');
      expect(samples.length).toBeGreaterThan(0);
      expect(samples.map((sample) => sample.job.type)).toEqual(samples.map(() => jobType));
    });

    it("sample data of a unit-rental event names no key a live event's unit rental lacks (T006)", async () => {
      env.sandbox.addWebhook({ url: env.receiver.url, events: ['unitRental.markOverdue'] });
      await env.sandbox.emit('unitRental.markOverdue', { unitRentalId: env.sandbox.data.unitRentals[0].id });
      const [live] = await perform('unit_rental_overdue', await env.receiver.next(), env.authData);
      const [sample] = await run('triggers', 'unit_rental_overdue', 'performList');
      expect(Object.keys(live.unitRental as object)).toEqual(
        expect.arrayContaining(Object.keys(sample.unitRental)),
      );
    });

    it('the unit-rental dropdown lists every rental with its id and a label', async () => {
      const choices: Array<{ id: string; name?: string; label?: string }> = await run(
        'triggers',
        'unit_rental_list',
        'perform',
      );
      expect(choices.map((c) => c.id).sort()).toEqual(env.sandbox.data.unitRentals.map((r) => r.id).sort());
      expect(
        choices.every((c) => typeof (c.label ?? c.name) === 'string' && (c.label ?? c.name)!.length > 0),
      ).toBe(true);
    });

    it('Find Invoice by number finds the one invoice with that number, in the currency of the settings', async () => {
      const invoice = env.sandbox.data.invoices[1];
      const found = await run('searches', 'find_invoice', 'perform', {
        invoiceNumber: `#${String(invoice.sid)}`,
      });
      expect(found.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
      expect(found[0]).toMatchObject({
        currency: 'GBP',
        lineItems: [{ description: 'Unit M-01 (15 Nov – 14 Dec)', quantity: 1, unitAmount: 89, total: 89 }],
      });
    });
  });
}
