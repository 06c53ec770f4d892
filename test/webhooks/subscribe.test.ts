/**
 * REST-hook subscribe / unsubscribe against the (assumed) Storeganise webhook endpoint: the exact
 * request body, what unsubscribe receives, "already gone" as success, and the refusal message
 * that sends the user to the manual set-up trigger.
 */
import { ADMIN, App, appTester, AUTH, failure, sg, userMessage } from '../helpers';
import { refusalMessage } from '../../src/webhooks/subscribe';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;
const TARGET = 'https://hooks.zapier.com/hooks/standard/123/abc/';

const subscribe = (key: string, bundle: Dict = {}) =>
  appTester(triggers[key].operation.performSubscribe, {
    authData: AUTH,
    targetUrl: TARGET,
    inputData: {},
    ...bundle,
  }) as Promise<Dict>;
const unsubscribe = (key: string, subscribeData: Dict) =>
  appTester(triggers[key].operation.performUnsubscribe, {
    authData: AUTH,
    subscribeData,
  } as never) as Promise<Dict>;

describe('subscribe', () => {
  test("registers the Zap URL for the trigger's event type with the alert e-mail, and returns what unsubscribe needs", async () => {
    const scope = sg()
      .post(`${ADMIN}/webhooks`, {
        url: TARGET,
        events: ['job.unit_moveIn.completed'],
        alertEmails: ['ops@mybiz.example'],
      })
      .reply(200, { id: 'wh_1', url: TARGET });
    await expect(subscribe('move_in_completed')).resolves.toEqual({
      id: 'wh_1',
      events: ['job.unit_moveIn.completed'],
    });
    scope.done();
  });

  test('a webhook answered with its own signing secret keeps it for perform to check deliveries against', async () => {
    sg().post(`${ADMIN}/webhooks`).reply(200, { id: 'wh_2', secret: 'fake-per-webhook-secret-0003' });
    await expect(subscribe('move_in_completed')).resolves.toEqual({
      id: 'wh_2',
      events: ['job.unit_moveIn.completed'],
      secret: 'fake-per-webhook-secret-0003',
    });
  });

  test('without an alert e-mail the list is empty', async () => {
    const { alertEmail: _omit, ...authData } = AUTH;
    const scope = sg()
      .post(`${ADMIN}/webhooks`, { url: TARGET, events: ['invoice.state.updated'], alertEmails: [] })
      .reply(201, { id: 'wh_2' });
    await subscribe('invoice_state_changed', { authData });
    scope.done();
  });

  test('New Event registers the chosen type, including a custom one', async () => {
    const scope = sg()
      .post(`${ADMIN}/webhooks`, {
        url: TARGET,
        events: ['job.valetOrder.returned'],
        alertEmails: ['ops@mybiz.example'],
      })
      .reply(200, { id: 'wh_3' });
    await expect(
      subscribe('new_event', { inputData: { eventType: 'job.valetOrder.returned' } }),
    ).resolves.toMatchObject({ id: 'wh_3' });
    scope.done();
  });

  test('New Event refuses a typed-in value that is not an event type, before any request', async () => {
    const err = await failure(subscribe('new_event', { inputData: { eventType: 'moved in' } }));
    expect(userMessage(err)).toMatchObject({ code: 'invalid_event_type' });
  });

  test('an answer without an id is an error that says where to clean up', async () => {
    sg().post(`${ADMIN}/webhooks`).reply(200, { ok: true });
    const err = await failure(subscribe('new_customer'));
    expect(userMessage(err).message).toMatch(/returned no id.*Main Settings > Developer > Webhooks/);
  });

  test.each([
    [
      404,
      /does not let apps register webhooks through the API \(HTTP 404\), so this trigger cannot receive Move-In Completed/,
    ],
    [405, /does not let apps register webhooks through the API \(HTTP 405\)/],
    [403, /\(403\): the API key's role may not manage webhooks\. Give the key the admin role/],
  ])(
    'a %s refusal says what to do, and never points users of the public app to a trigger they do not have',
    async (status, why) => {
      sg()
        .post(`${ADMIN}/webhooks`)
        .reply(status, { error: { message: 'Not allowed' } });
      const err = await failure(subscribe('move_in_completed'));
      const { message, code } = userMessage(err);
      expect(code).toBe('webhook_registration_refused');
      expect(message).toMatch(why);
      expect(message).not.toMatch(/Manual Webhook/);
      expect(message).not.toContain(AUTH.apiKey);
    },
  );

  test.each([404, 403])(
    'in the private build (manual set-up trigger included) a %s refusal points to it and names the events to tick',
    (status) => {
      const message = refusalMessage(status, ['job.unit_moveIn.completed'], { polling: [], manual: true });
      expect(message).toContain('use the "New Event (Manual Webhook Set-Up)" trigger instead');
      expect(message).toContain('Main Settings > Developer > Webhooks');
      expect(message).toContain('tick the event Move-In Completed (job.unit_moveIn.completed)');
    },
  );

  test('a refusal names the polling trigger that stands in for the event, else the polling triggers in general', async () => {
    sg().post(`${ADMIN}/webhooks`).reply(404, {});
    const customer = userMessage(await failure(subscribe('new_customer'))).message;
    expect(customer).toContain('Use "New Customer (Polling)" instead: it needs no webhook');
    expect(customer).not.toContain('New Paid Invoice (Polling)');
    sg().post(`${ADMIN}/webhooks`).reply(404, {});
    const paid = userMessage(await failure(subscribe('invoice_paid'))).message;
    expect(paid).toContain('"New Paid Invoice (Polling)"');
    sg().post(`${ADMIN}/webhooks`).reply(404, {});
    const other = userMessage(await failure(subscribe('unit_updated'))).message;
    expect(other).toContain('The polling triggers (their names end in "(Polling)") need no webhook');
    sg().post(`${ADMIN}/webhooks`).reply(404, {});
    const moveIn = userMessage(await failure(subscribe('move_in_completed'))).message;
    expect(moveIn).toContain('Use "New Unit Rental (Polling)" or "Move-In Completed (Polling)" instead');
  });

  test('other failures are not dressed up as a refusal', async () => {
    sg()
      .post(`${ADMIN}/webhooks`)
      .reply(503, { error: { message: 'maintenance' } });
    const { message, code } = userMessage(await failure(subscribe('new_move_in')));
    expect(code).toBe('unavailable');
    expect(message).not.toMatch(/Manual Webhook/);
  });
});

describe('unsubscribe', () => {
  test('deletes the webhook subscribe registered', async () => {
    const scope = sg().delete(`${ADMIN}/webhooks/wh_1`).reply(204);
    await expect(
      unsubscribe('move_in_completed', { id: 'wh_1', events: ['job.unit_moveIn.completed'] }),
    ).resolves.toEqual({ removed: 'wh_1' });
    scope.done();
  });

  test('a webhook already gone (404) counts as removed', async () => {
    const scope = sg()
      .delete(`${ADMIN}/webhooks/wh_gone`)
      .reply(404, { error: { message: 'Not found' } });
    await expect(unsubscribe('new_event', { id: 'wh_gone' })).resolves.toEqual({ removed: 'wh_gone' });
    scope.done();
  });

  test('other failures surface', async () => {
    sg()
      .delete(`${ADMIN}/webhooks/wh_1`)
      .reply(403, { error: { message: 'Forbidden' } });
    expect(userMessage(await failure(unsubscribe('new_event', { id: 'wh_1' }))).code).toBe('forbidden');
  });

  test('a subscription without an id has nothing to remove and makes no request', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(unsubscribe('new_event', {})).resolves.toEqual({ removed: null });
    jest.restoreAllMocks();
  });
});
