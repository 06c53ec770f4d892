/**
 * The sandbox's own contract, over real HTTP on 127.0.0.1 (no nock mocks): what it promises to
 * behave like (docs/storeganise-api.md C/L facts, and the A-level contracts src/client/ assumes).
 */
import net from 'node:net';
import { HookReceiver } from '../../zapier-local/receiver';
import { Sandbox, signBody } from '../../sandbox/server';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await new Sandbox({ retryDelayMs: 5 }).start();
});

afterEach(async () => {
  await sandbox.stop();
});

async function api(
  method: string,
  path: string,
  body?: unknown,
  key = sandbox.apiKey,
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${sandbox.url}/${sandbox.businessCode}/api/v1/admin/${path}`, {
    method,
    headers: {
      authorization: `ApiKey ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe('connection', () => {
  it('binds 127.0.0.1 on a free port and answers under /{code}/api and /api', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.port).toBeGreaterThan(0);
    const plain = await fetch(`${sandbox.url}/api/v1/admin/settings`, {
      headers: { authorization: `ApiKey ${sandbox.apiKey}` },
    });
    expect(plain.status).toBe(200);
    const other = await fetch(`${sandbox.url}/otherbiz/api/v1/admin/settings`, {
      headers: { authorization: `ApiKey ${sandbox.apiKey}` },
    });
    expect(other.status).toBe(404);
  });

  it('refuses a wrong or missing API key with 401 and { error: { message } }', async () => {
    const wrong = await api('GET', 'settings', undefined, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toMatch(/API key/);
    const none = await fetch(`${sandbox.url}/api/v1/admin/sites`);
    expect(none.status).toBe(401);
  });

  it('serves settings with the name, currency, predefined charges and custom field definitions', async () => {
    const { json } = await api('GET', 'settings');
    expect(json.companyName).toBe('Sandbox Self Storage');
    expect([json.currencyCode, json.currency]).toEqual(['GBP', '£']);
    expect(json.charges[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        title: { en: expect.any(String) },
        amount: expect.any(Number),
      }),
    );
    expect(json.unitRentalCustomFields.map((f: { code: string }) => f.code)).toContain('gate_code');
    expect(json.userCustomFields.map((f: { type: string }) => f.type)).toEqual(
      expect.arrayContaining(['select', 'boolean', 'date']),
    );
  });
});

describe('lists and records', () => {
  it('returns bare arrays paged by limit/offset', async () => {
    const all = await api('GET', 'units?limit=1000');
    expect(Array.isArray(all.json)).toBe(true);
    const first = await api('GET', 'units?limit=4&offset=0');
    const second = await api('GET', 'units?limit=4&offset=4');
    expect(first.json).toHaveLength(4);
    expect([...first.json, ...second.json].map((u: { id: string }) => u.id)).toEqual(
      all.json.slice(0, 8).map((u: { id: string }) => u.id),
    );
    expect((await api('GET', 'units?limit=0')).status).toBe(400);
  });

  it('filters by field (siteId, type, sid) and by updatedAfter', async () => {
    const site = sandbox.data.sites[1].id;
    const units = await api('GET', `units?siteId=${site}`);
    expect(units.json.length).toBeGreaterThan(0);
    expect(units.json.every((u: { siteId: string }) => u.siteId === site)).toBe(true);
    expect((await api('GET', 'jobs?type=valetOrder')).json.map((j: { type: string }) => j.type)).toEqual([
      'valetOrder',
    ]);
    expect((await api('GET', 'invoices?sid=man010232')).json).toHaveLength(1);
    const recent = await api('GET', 'users?updatedAfter=2026-04-15T00:00:00Z');
    expect(recent.json.map((u: { firstName: string }) => u.firstName)).toEqual(['Chloe', 'Tom']);
  });

  it('returns a bare object, with related records only when include= asks', async () => {
    const id = sandbox.data.unitRentals[0].id;
    const bare = await api('GET', `unit-rentals/${id}`);
    expect(bare.json.id).toBe(id);
    expect(bare.json.unit).toBeUndefined();
    const full = await api('GET', `unit-rentals/${id}?include=unit,owner,customFields,agreementUrl`);
    expect(full.json.unit.name).toBe('A-104');
    expect(full.json.owner.email).toBe('jane.doe@example.com');
    expect(full.json.agreementUrl).toMatch(/agreements/);
    expect(
      (await api('GET', `invoices/${sandbox.data.invoices[0].id}?include=owner`)).json.owner.firstName,
    ).toBe('Jane');
  });

  it('finds a user by id or by urlencoded e-mail (any case); a miss is 404 with an error message', async () => {
    const byEmail = await api('GET', `users/${encodeURIComponent('Jane.Doe@Example.com')}`);
    expect(byEmail.json.id).toBe(sandbox.data.users[0].id);
    const miss = await api('GET', `users/${encodeURIComponent('nobody@example.com')}`);
    expect(miss.status).toBe(404);
    expect(miss.json.error.message).toMatch(/not found/);
  });
});

describe('writes', () => {
  it('creates and updates users; a taken e-mail is refused', async () => {
    const created = await api('POST', 'users', {
      email: 'sam.lee@example.com',
      firstName: 'Sam',
      lastName: 'Lee',
    });
    expect(created.status).toBe(201);
    const updated = await api('PUT', `users/${created.json.id}`, {
      phone: '+44 20 7946 0999',
      customFields: { marketing_opt_in: true },
    });
    expect(updated.json).toMatchObject({
      phone: '+44 20 7946 0999',
      customFields: { marketing_opt_in: true },
    });
    expect((await api('POST', 'users', { email: 'SAM.LEE@example.com' })).status).toBe(409);
    expect((await api('POST', 'users', { firstName: 'No e-mail' })).json.error.message).toMatch(/email/);
  });

  it('adds charges to a unit rental through the charges sub-resource', async () => {
    const id = sandbox.data.unitRentals[2].id;
    const added = await api('POST', `unit-rentals/${id}/charges`, {
      title: { en: 'Late payment fee' },
      amount: 15,
      qty: 1,
      startDate: '2026-12-01',
      endDate: '2026-12-01',
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      id: expect.any(String),
      amount: 15,
      title: { en: 'Late payment fee' },
    });
    expect((await api('GET', `unit-rentals/${id}/charges`)).json).toHaveLength(1);
    expect((await api('GET', `unit-rentals/${id}`)).json.charges[0].id).toBe(added.json.id);
    expect(
      (await api('POST', `unit-rentals/${id}/charges`, { title: 'x', startDate: '2026-12-01' })).status,
    ).toBe(400);
  });

  it('records invoice payments and state changes', async () => {
    const invoice = sandbox.data.invoices[2];
    const paid = await api('POST', `invoices/${invoice.id}/payments`, {
      type: 'manual',
      amount: 65,
      method: 'cash',
      date: '2026-12-01',
    });
    expect(paid.json).toMatchObject({ state: 'paid', balance: 0 });
    expect(paid.json.payments).toHaveLength(1);
    const failed = await api('PUT', `invoices/${sandbox.data.invoices[1].id}`, { state: 'paid' });
    expect(failed.json.state).toBe('paid');
    expect(
      (await api('POST', `invoices/${invoice.id}/payments`, { amount: 1, method: 'bitcoin' })).status,
    ).toBe(400);
  });

  it('creates task jobs on a unit or a user, and checks the target', async () => {
    const unit = sandbox.data.units[0].id;
    const task = await api('POST', 'jobs', {
      type: 'task',
      ownerId: null,
      data: { targetType: 'unit', targetId: unit, title: 'Check the lock' },
    });
    expect(task.status).toBe(201);
    expect(task.json).toMatchObject({ type: 'task', data: { targetId: unit, title: 'Check the lock' } });
    expect((await api('GET', `jobs/${task.json.id}`)).json.id).toBe(task.json.id);
    const bad = await api('POST', 'jobs', {
      type: 'task',
      data: { targetType: 'unit', targetId: 'nope', title: 'x' },
    });
    expect(bad.status).toBe(404);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(`${sandbox.url}/api/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: `ApiKey ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/JSON/);
  });
});

describe('webhook registration and delivery', () => {
  let receiver: HookReceiver;
  beforeEach(async () => {
    receiver = await new HookReceiver().start();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it('registers { url, events, alertEmails } → { id }, deletes by id, 404 once gone', async () => {
    const created = await api('POST', 'webhooks', {
      url: receiver.url,
      events: ['job.unit_moveIn.created'],
      alertEmails: ['ops@example.com'],
    });
    expect(created.status).toBe(201);
    expect(created.json.id).toEqual(expect.any(String));
    expect((await api('GET', 'webhooks')).json).toHaveLength(1);
    expect((await api('DELETE', `webhooks/${created.json.id}`)).status).toBe(200);
    expect((await api('DELETE', `webhooks/${created.json.id}`)).status).toBe(404);
    expect((await api('POST', 'webhooks', { url: 'not a url', events: ['x'] })).status).toBe(400);
  });

  it('emits job.unit_moveIn.created for a move-in, signed, with ids only; other types are not sent', async () => {
    sandbox.addWebhook({ url: receiver.url, events: ['job.unit_moveIn.created'] });
    const { job, unitRental, deliveries } = sandbox.createMoveIn();
    expect(job.result).toMatchObject({ unitRentalId: unitRental.id });
    const [delivery] = await deliveries;
    expect(delivery.delivered).toBe(true);
    const hook = await receiver.next();
    expect(hook.cleanedRequest).toMatchObject({ type: 'job.unit_moveIn.created', data: { jobId: job.id } });
    expect(hook.rawRequest.headers['Http-Sg-Signature']).toBe(
      signBody(sandbox.signingSecret, hook.rawRequest.content),
    );

    await api('PUT', `unit-rentals/${unitRental.id}`, { customFields: { gate_code: '1234' } });
    await sandbox.idle();
    expect(receiver.arrivals).toHaveLength(1);
  });

  it('sends unitRental.updated with the changed keys to a webhook that subscribed to it', async () => {
    sandbox.addWebhook({ url: receiver.url, events: ['unitRental.updated'] });
    const id = sandbox.data.unitRentals[0].id;
    await api('PUT', `unit-rentals/${id}`, { customFields: { gate_code: '9999' } });
    const hook = await receiver.next();
    expect(hook.cleanedRequest).toMatchObject({
      type: 'unitRental.updated',
      data: { unitRentalId: id, changedKeys: ['customFields.gate_code'] },
    });
  });

  it('makes 3 attempts at an unreachable URL, then gives up', async () => {
    const url = receiver.url;
    await receiver.stop();
    sandbox.addWebhook({ url, events: ['user.created'] });
    const [delivery] = await sandbox.emit('user.created', { userId: sandbox.data.users[0].id });
    expect(delivery.delivered).toBe(false);
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts[0].error).toBe('ECONNREFUSED');
  });
});

describe('fault injection', () => {
  it('answers 429 with Retry-After, the given number of times, then recovers', async () => {
    sandbox.failWith({ status: 429, times: 2, retryAfter: 3 });
    const first = await api('GET', 'sites');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.json.error.message).toMatch(/Too many/);
    expect((await api('GET', 'sites')).status).toBe(429);
    expect((await api('GET', 'sites')).status).toBe(200);
  });

  it('answers 5xx only for matching requests', async () => {
    sandbox.failWith({ status: 502, match: /^GET jobs/ });
    expect((await api('GET', 'jobs')).status).toBe(502);
    expect((await api('GET', 'sites')).status).toBe(200);
    sandbox.failWith(undefined);
    expect((await api('GET', 'jobs')).status).toBe(200);
  });

  it('can start with faults on (the --fail option of npm run sandbox)', async () => {
    const failing = await new Sandbox({ faults: { status: 503 } }).start();
    try {
      const response = await fetch(`${failing.url}/api/v1/admin/sites`, {
        headers: { authorization: `ApiKey ${failing.apiKey}` },
      });
      expect(response.status).toBe(503);
    } finally {
      await failing.stop();
    }
  });
});

describe('start and stop', () => {
  it('stops cleanly even with a delivery waiting to be retried', async () => {
    const extra = await new Sandbox({ retryDelayMs: 60_000 }).start();
    const receiver = await new HookReceiver().start();
    receiver.failNext(1);
    extra.addWebhook({ url: receiver.url, events: ['user.created'] });
    const deliveries = extra.emit('user.created', { userId: 'u1' });
    while (receiver.arrivals.length === 0) await new Promise((r) => setTimeout(r, 5));
    await extra.stop();
    const [delivery] = await deliveries;
    expect(delivery.delivered).toBe(false);
    expect(delivery.attempts).toHaveLength(1);
    await receiver.stop();
    await extra.stop(); // twice is harmless
  });
});

describe('what the benchmark relies on (bench/)', () => {
  it('records each request with its query string, below /v1/admin/', async () => {
    const from = sandbox.requests.length;
    await api('GET', 'units?siteId=5a0d00000000a00000000001&include=customFields');
    expect(sandbox.requestsSince(from)).toEqual([
      {
        method: 'GET',
        path: 'units',
        query: '?siteId=5a0d00000000a00000000001&include=customFields',
        status: 200,
      },
    ]);
  });

  it('keeps a connection open for the next request (keep-alive), and counts the connections it accepted', async () => {
    // a raw socket: nock (test/setup.ts) gives every http request a socket of its own, keep-alive or not
    const socket = net.connect(sandbox.port, '127.0.0.1');
    const request = (path: string) =>
      `GET /api/v1/admin/${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ApiKey ${sandbox.apiKey}\r\n\r\n`;
    let received = '';
    const answered = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (received.split('HTTP/1.1 200').length > count ? resolve() : undefined);
        socket.on('data', (chunk) => ((received += chunk.toString()), check()));
        socket.on('error', reject);
        socket.on('close', () =>
          reject(new Error(`closed after ${received.split('HTTP/1.1').length - 1} answers`)),
        );
      });
    try {
      const both = answered(2);
      socket.write(request('settings'));
      socket.write(request('sites'));
      await both;
      expect(received).toMatch(/keep-alive: timeout=65/i);
      expect(sandbox.connections).toBe(1);
    } finally {
      socket.destroy();
    }
  });

  it('holds every answer back by latencyMs, errors included (an API that far away)', async () => {
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      sandbox.latencyMs = 25;
      const ok = await api('GET', 'sites');
      const refused = await api('GET', 'sites', undefined, 'nope');
      expect([ok.status, refused.status]).toEqual([200, 401]);
      expect(timers.mock.calls.filter(([, ms]) => ms === 25)).toHaveLength(2);
      sandbox.latencyMs = 0;
      timers.mockClear();
      await api('GET', 'sites');
      expect(timers.mock.calls.filter(([, ms]) => ms === 25)).toHaveLength(0);
    } finally {
      timers.mockRestore();
    }
  });
});

describe('strict mode: only what Storeganise is known to answer (docs/storeganise-api.md, C or L)', () => {
  let strict: Sandbox;
  beforeEach(async () => {
    strict = await new Sandbox({ strict: true }).start();
  });
  afterEach(async () => {
    await strict.stop();
  });

  async function get(path: string): Promise<any> {
    const response = await fetch(`${strict.url}/api/v1/admin/${path}`, {
      headers: { authorization: `ApiKey ${strict.apiKey}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  }
  const ids = (records: Array<{ id: string }>) => records.map((r) => r.id);

  it('ignores unconfirmed list filters: jobs type/state and invoices sid (A) return the whole list', async () => {
    const allJobs = ids(await get('jobs'));
    expect(new Set((await get('jobs')).map((j: { type: string }) => j.type)).size).toBeGreaterThan(1);
    expect(ids(await get('jobs?type=valetOrder'))).toEqual(allJobs);
    expect(ids(await get('jobs?state=completed'))).toEqual(allJobs);
    expect(ids(await get('invoices?sid=10232'))).toEqual(ids(await get('invoices')));
    // the same queries filter in the default (lenient) mode
    expect((await api('GET', 'jobs?type=valetOrder')).json).toHaveLength(1);
  });

  it('keeps the confirmed filters: units siteId, unit rentals ownerId/state, users updatedAfter and search', async () => {
    const site = strict.data.sites[1].id;
    const units = await get(`units?siteId=${site}`);
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u: { siteId: string }) => u.siteId === site)).toBe(true);
    const owner = strict.data.users[0].id;
    const rentals = await get(`unit-rentals?ownerId=${owner}`);
    expect(rentals.length).toBeGreaterThan(0);
    expect(rentals.every((r: { ownerId: string }) => r.ownerId === owner)).toBe(true);
    const recent = await get('users?updatedAfter=2026-04-15T00:00:00Z');
    expect(recent.map((u: { firstName: string }) => u.firstName)).toEqual(['Chloe', 'Tom']);
    expect((await get('users?search=jane.doe')).map((u: { email: string }) => u.email)).toEqual([
      'jane.doe@example.com',
    ]);
  });

  it('ignores include= on lists (A) but honours confirmed includes on single records (C)', async () => {
    const [listed] = await get('unit-rentals?include=unit,owner&limit=1');
    expect(listed.unit).toBeUndefined();
    expect(listed.owner).toBeUndefined();
    const one = await get(`unit-rentals/${listed.id}?include=unit,owner,customFields,agreementUrl`);
    expect(one.unit.id).toBe(listed.unitId);
    expect(one.owner.id).toBe(listed.ownerId);
    expect(one.agreementUrl).toMatch(/agreements/);
    // `site` is not a confirmed include of a unit rental
    expect((await get(`unit-rentals/${listed.id}?include=site`)).site).toBeUndefined();
  });
});
