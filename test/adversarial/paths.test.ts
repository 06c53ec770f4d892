/**
 * Class 1 — ids that would change the endpoint. An id comes from a webhook, a mapped field or an
 * answer; whatever it holds, a request either goes to exactly `<resource>/<that id>` or is not made.
 */
import { ADMIN, app, attempt, CASE_MS, expectTypedError, sg, signedDelivery } from './kit';

describe('class 1: an id never changes the endpoint', () => {
  test(
    'a webhook-borne record id that is hostile is dropped before the trigger fetches it; the batch goes on',
    async () => {
      for (const id of ['..', 'a/b', 'x\u0000']) {
        const event = {
          id: `evt_${encodeURIComponent(id)}`,
          type: 'unitRental.updated',
          created: null,
          data: { unitRentalId: id },
        };
        // alone in its delivery: nothing usable, the run halts saying why
        const alone = await attempt(
          app.triggers.unit_rental_updated.operation.perform,
          signedDelivery(event),
        );
        expect(alone.stray).toEqual([]);
        expect(alone.error?.name).toBe('HaltedError');
        expect(alone.error?.message).toContain('has a "data.unitRentalId" that is not an id');
        // beside a good event: the good one is handed on, the hostile one dropped with a log line
        sg().get(`${ADMIN}/unit-rentals/ur_ok`).query(true).reply(200, { id: 'ur_ok' });
        const good = { ...event, id: `evt_ok_${encodeURIComponent(id)}`, data: { unitRentalId: 'ur_ok' } };
        const batch = await attempt(
          app.triggers.unit_rental_updated.operation.perform,
          signedDelivery([event, good] as never),
        );
        expect(batch.stray).toEqual([]);
        expect((batch.result as Array<{ id: string }>).map((o) => o.id)).toEqual([good.id]);
        expect(batch.logs).toContain('dropped 1 malformed event(s)');
      }
    },
    CASE_MS,
  );

  test.each([
    ['an encoded parent segment', 'unit-rentals/%2e%2e/settings'],
    ['an encoded slash', 'unit-rentals/a%2F..%2F..%2Fsettings'],
    ['a double-encoded parent segment', 'jobs/%252e%252e'],
    ['a lone surrogate', 'jobs/\ud800'],
  ])(
    'API Request with %s in the path: refused, no request',
    async (_name, path) => {
      const outcome = await attempt(app.creates.api_request.operation.perform, {
        inputData: { method: 'GET', path },
      });
      expect(outcome.stray).toEqual([]);
      expectTypedError(outcome);
    },
    CASE_MS,
  );
});
