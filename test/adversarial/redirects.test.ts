/**
 * Class 2 — redirects. Storeganise's API answers directly; a redirect (a misconfigured business, a
 * hostile proxy) must not carry the API key or a body anywhere, nor have another host's answer
 * handed on as Storeganise's. It becomes a typed error naming where it pointed, without the query.
 */
import {
  ADMIN,
  app,
  API_KEY,
  attempt,
  CASE_MS,
  expectNoSecret,
  expectTypedError,
  nock,
  sg,
  signedDelivery,
} from './kit';

/** A host that would gladly take whatever is sent to it; the case fails if it is ever reached. */
function trap(origin: string) {
  const seen: string[] = [];
  const scope = nock(origin).persist();
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    scope.intercept(/.*/, method).reply(function reply() {
      seen.push(`${method} ${this.req.path} auth=${this.req.headers.authorization ?? 'none'}`);
      return [200, { id: 'job_1', stolen: true }];
    });
  }
  return { seen, scope };
}

const TARGETS: Array<[string, string, string]> = [
  ['another host', 'https://evil.example', 'https://evil.example/collect?key=1#x'],
  [
    'another business',
    'https://other.storeganise.com',
    'https://other.storeganise.com/api/v1/admin/jobs/job_1?a=b',
  ],
  [
    'a subdomain of the business',
    'https://x.mybiz.storeganise.com',
    'https://x.mybiz.storeganise.com/api/v1/admin/jobs/job_1',
  ],
  [
    'another port',
    'https://mybiz.storeganise.com:8443',
    'https://mybiz.storeganise.com:8443/api/v1/admin/jobs/job_1',
  ],
  ['plain http', 'http://mybiz.storeganise.com', 'http://mybiz.storeganise.com/api/v1/admin/jobs/job_1'],
  ['credentials in the address', 'https://evil.example', 'https://user:pass@evil.example/in'],
];

describe('class 2: a redirect is never followed', () => {
  test.each(TARGETS)(
    'a GET redirected to %s: typed error naming the target without query; the key goes nowhere',
    async (_name, origin, location) => {
      const caught = trap(origin);
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(302, '', { Location: location });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      const err = expectTypedError(outcome, 'redirect');
      const shown = new URL(location);
      expect(err.message).toContain(`${shown.origin}${shown.pathname}`);
      expect(err.message).not.toMatch(/\?|#x|user|pass/);
      expect(caught.seen).toEqual([]);
      expect(outcome.stray).toEqual([]);
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test.each([307, 308])(
    'a %i on Create Customer re-posts nothing anywhere: one POST, then a typed error',
    async (status) => {
      const caught = trap('https://evil.example');
      const scope = sg()
        .get(/\/api\/v1\/admin\/users\/.*/)
        .query(true)
        .reply(404, {})
        .get(`${ADMIN}/users`)
        .query(true)
        .reply(200, [])
        .post(`${ADMIN}/users`)
        .once()
        .reply(status, '', { Location: 'https://evil.example/api/v1/admin/users' });
      const outcome = await attempt(app.creates.create_customer.operation.perform, {
        inputData: {
          email: 'new@mybiz.example',
          firstName: 'Ada',
          lastName: 'Lovelace',
          phone: '+44 20 7946 0000',
        },
      });
      expectTypedError(outcome, 'redirect');
      expect(caught.seen).toEqual([]);
      expect(outcome.stray).toEqual([]);
      scope.done();
    },
    CASE_MS,
  );

  test(
    "API Request: a 307 with a body is not replayed to the target, and the target's answer is not handed on",
    async () => {
      const caught = trap('https://evil.example');
      sg().post(`${ADMIN}/jobs`).reply(307, '', { Location: 'https://evil.example/jobs' });
      const outcome = await attempt(app.creates.api_request.operation.perform, {
        inputData: { method: 'POST', path: 'jobs', body: '{"type":"task","data":{"title":"x"}}' },
      });
      expectTypedError(outcome, 'redirect');
      expect(outcome.result).toBeUndefined();
      expect(caught.seen).toEqual([]);
    },
    CASE_MS,
  );

  test(
    'a same-origin redirect (e.g. to a login page) is not followed either, and names the full target',
    async () => {
      sg().get(`${ADMIN}/settings`).reply(301, '', { Location: '/login?next=/api' });
      const outcome = await attempt(app.authentication.test, {});
      expect(expectTypedError(outcome, 'redirect').message).toContain('https://mybiz.storeganise.com/login.');
      expect(outcome.stray).toEqual([]);
    },
    CASE_MS,
  );

  test(
    'a redirect whose address echoes the key has it censored; one without an address says so',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(302, '', { Location: `https://evil.example/${API_KEY}` })
        .get(`${ADMIN}/jobs/job_2`)
        .query(true)
        .reply(303, '');
      const echoed = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(echoed, 'redirect').message).toContain('https://evil.example/:censored:');
      expectNoSecret(echoed);
      const bare = await attempt(app.searches.find_job.operation.perform, { inputData: { jobId: 'job_2' } });
      expect(expectTypedError(bare, 'redirect').message).toContain('to no address');
    },
    CASE_MS,
  );

  test(
    'a record fetch redirected mid-run fails typed, with no record from the other host',
    async () => {
      const caught = trap('https://evil.example');
      sg()
        .get(`${ADMIN}/unit-rentals/ur_1`)
        .query(true)
        .reply(302, '', { Location: 'https://evil.example/ur_1' });
      const event = {
        id: 'evt_redirect',
        type: 'unitRental.updated',
        created: null,
        data: { unitRentalId: 'ur_1' },
      };
      const outcome = await attempt(
        app.triggers.unit_rental_updated.operation.perform,
        signedDelivery(event),
      );
      expectTypedError(outcome, 'redirect');
      expect(caught.seen).toEqual([]);
    },
    CASE_MS,
  );
});
