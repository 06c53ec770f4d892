/**
 * The polling twins of instant triggers (src/triggers/polling-twins.ts), for businesses whose API will
 * not register webhooks: the instant trigger's output, ids Zapier's deduper gets right (a job once per
 * state it is named for), and a bounded request budget per poll: one list, plus the records of the
 * events that can be new.
 */
import { HYDRATE_MAX, HYDRATE_WINDOW_MS } from '../../src/triggers/polling';
import { TRANSFER_PAGE, TWINS } from '../../src/triggers/polling-twins';
import { answers } from '../../src/records/samples';
import { ADMIN, App, appTester, AUTH, sg } from '../helpers';
import { sampleParityViolations } from '../publishing-rules';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const MINUTE = 60_000;

/**
 * One poll as Zapier runs it for a Zap (`meta.zap.id` names the Zap), with the requests it made, as
 * Zapier's logs record them (`METHOD path`).
 */
async function poll(key: string, meta: Dict = { zap: { id: 'zap_1' } }) {
  const from = appTester.cache.logs.length;
  const out = (await appTester(triggers[key].operation.perform, {
    authData: AUTH,
    inputData: {},
    meta,
  })) as Dict[];
  const requests = appTester.cache.logs
    .slice(from)
    .filter((line) => line.data.log_type === 'http')
    .map((line) => `${line.data.request_method} ${new URL(String(line.data.request_url)).pathname}`);
  return { out, requests };
}

const job = (id: string, over: Dict = {}): Dict => ({
  ...answers.job,
  id,
  type: 'unit_moveIn',
  state: 'created',
  step: 'created',
  ownerId: 'api_user',
  siteId: 'site_1',
  result: { ownerId: 'usr_1', unitId: 'unit_1', siteId: 'site_1' },
  steps: [
    { id: `st_${id}`, type: 'start', state: 'completed', result: { unitRentalId: 'ur_1', unitId: 'unit_1' } },
  ],
  created: ago(5 * MINUTE),
  updated: ago(5 * MINUTE),
  ...over,
});

/** The jobs list as a production client asks for it: the type and `sort=-updated` sent. */
const listJobs = (jobs: Dict[], type = 'unit_moveIn') =>
  sg()
    .get(`${ADMIN}/jobs`)
    .query((q) => q.type === type && q.sort === '-updated' && q.limit === '100')
    .reply(200, jobs);

/** The records a move-in job names, read as the instant trigger reads them (realistic answers). */
const CUSTOMER = { ...answers.customer, id: 'usr_1' };
const RENTAL = { ...answers.unitRental, id: 'ur_1', unitId: 'unit_1', ownerId: 'usr_1', siteId: 'site_1' };
const UNIT = { ...answers.unit, id: 'unit_1', siteId: 'site_1' };
const SITE = { ...answers.site, id: 'site_1' };
function answerJob(j: Dict) {
  sg().get(`${ADMIN}/jobs/${j.id}`).query(true).reply(200, j);
  sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, CUSTOMER);
  sg().get(`${ADMIN}/unit-rentals/ur_1`).query(true).reply(200, RENTAL);
  sg().get(`${ADMIN}/units/unit_1`).query(true).reply(200, UNIT);
  sg().get(`${ADMIN}/sites/site_1`).query(true).reply(200, SITE);
}

beforeEach(() => appTester.cache.clear());

describe('New Move-In (Polling)', () => {
  test('the first poll: one list, then the job and what it names, handed on as the instant New Move-In does', async () => {
    const j = job('job_1');
    listJobs([j]);
    answerJob(j);
    const { out, requests } = await poll('new_move_in_polling');
    expect(requests).toEqual([
      `GET ${ADMIN}/jobs`,
      `GET ${ADMIN}/jobs/job_1`,
      ...['users/usr_1', 'unit-rentals/ur_1', 'units/unit_1', 'sites/site_1'].map((p) => `GET ${ADMIN}/${p}`),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      id: 'job_1:job.unit_moveIn.created',
      type: 'job.unit_moveIn.created',
      jobId: 'job_1',
      job: { id: 'job_1', customerId: 'usr_1' },
      customer: { email: 'jane.doe@example.com' },
      unitRental: { id: 'ur_1' },
      unit: { name: 'A-104' },
      site: { name: 'Central London' },
    });
    // the same keys as the instant trigger's static sample, and the other way round (T004/T006)
    expect(sampleParityViolations('new_move_in', triggers.new_move_in.operation.sample, out[0])).toEqual([]);
    expect(Object.keys(out[0]).sort()).toEqual(Object.keys(triggers.new_move_in.operation.sample).sort());
  });

  test('a second poll with nothing new: the same ids, and only the list is read (the Zap remembers)', async () => {
    const j = job('job_1');
    listJobs([j]);
    answerJob(j);
    const first = await poll('new_move_in_polling');
    listJobs([j]);
    const second = await poll('new_move_in_polling');
    expect(second.out.map((o) => o.id)).toEqual(first.out.map((o) => o.id));
    expect(second.requests).toHaveLength(1);
    // another Zap on the same connection has its own memory: it reads the records
    listJobs([j]);
    answerJob(j);
    const other = await poll('new_move_in_polling', { zap: { id: 'zap_2' } });
    expect(other.requests).toHaveLength(6);
    expect(other.out[0].customer).toMatchObject({ id: 'usr_1' });
  });

  test('an event older than the window was in an earlier poll: handed on as listed, no record read', async () => {
    listJobs([
      job('job_old', { created: ago(HYDRATE_WINDOW_MS + MINUTE), updated: ago(HYDRATE_WINDOW_MS + MINUTE) }),
    ]);
    const { out, requests } = await poll('new_move_in_polling', {});
    expect(requests).toHaveLength(1);
    expect(out).toEqual([
      expect.objectContaining({ id: 'job_old:job.unit_moveIn.created', jobId: 'job_old', customer: null }),
    ]);
  });

  test(`at most ${HYDRATE_MAX} events get their records read per poll; the rest wait for the next poll`, async () => {
    const jobs = Array.from({ length: HYDRATE_MAX + 2 }, (_, i) =>
      job(`job_${String(i).padStart(2, '0')}`, {
        created: ago((i + 1) * MINUTE),
        updated: ago((i + 1) * MINUTE),
      }),
    );
    listJobs(jobs);
    for (const j of jobs.slice(0, HYDRATE_MAX)) sg().get(`${ADMIN}/jobs/${j.id}`).query(true).reply(200, j);
    sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1' });
    sg().get(`${ADMIN}/unit-rentals/ur_1`).query(true).reply(200, { id: 'ur_1', unitId: 'unit_1' });
    sg().get(`${ADMIN}/units/unit_1`).query(true).reply(200, { id: 'unit_1' });
    sg().get(`${ADMIN}/sites/site_1`).query(true).reply(200, { id: 'site_1' });
    const { out, requests } = await poll('new_move_in_polling');
    expect(requests).toHaveLength(1 + HYDRATE_MAX + 4); // the list, each job, their shared records once
    expect(out.map((o) => o.jobId)).toEqual(jobs.slice(0, HYDRATE_MAX).map((j) => j.id)); // newest first
  });

  test('the poll that fills the dedupe list reads only the list; the sample poll reads the newest three', async () => {
    const jobs = ['a', 'b', 'c', 'd'].map((id, i) => job(`job_${id}`, { created: ago((i + 1) * MINUTE) }));
    listJobs(jobs);
    const dedupe = await poll('new_move_in_polling', { isPopulatingDedupe: true, zap: { id: 'zap_1' } });
    expect(dedupe.requests).toHaveLength(1);
    expect(dedupe.out.map((o) => o.jobId)).toEqual(['job_a', 'job_b', 'job_c', 'job_d']);
    listJobs(jobs);
    for (const j of jobs.slice(0, 3)) sg().get(`${ADMIN}/jobs/${j.id}`).query(true).reply(200, j);
    sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1' });
    sg().get(`${ADMIN}/unit-rentals/ur_1`).query(true).reply(200, { id: 'ur_1' });
    sg().get(`${ADMIN}/units/unit_1`).query(true).reply(200, { id: 'unit_1' });
    sg().get(`${ADMIN}/sites/site_1`).query(true).reply(200, { id: 'site_1' });
    const sample = await poll('new_move_in_polling', { isLoadingSample: true, zap: { id: 'zap_1' } });
    expect(sample.requests).toHaveLength(1 + 3 + 4);
  });

  test("the editor's sample poll shows the newest move-ins however old: samples to map against", async () => {
    const old = job('job_old', { created: ago(60 * 86_400_000), updated: ago(60 * 86_400_000) });
    listJobs([old]);
    answerJob(old);
    const sample = await poll('new_move_in_polling', { isLoadingSample: true });
    expect(sample.out.map((o) => o.jobId)).toEqual(['job_old']);
    listJobs([old]);
    expect((await poll('new_move_in_polling')).out).toEqual([]); // a live poll: older than the window
  });

  test('the type is checked again in the app: a list that ignores the filter hands on no other job', async () => {
    sg()
      .get(`${ADMIN}/jobs`)
      .query(true)
      .reply(200, [
        job('job_out', { type: 'unit_moveOut', created: ago(30 * 86_400_000) }),
        job('job_task', { type: 'task' }),
      ]);
    const { out, requests } = await poll('new_move_in_polling');
    expect(out).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe('a job once per state it is named for', () => {
  test('booked, then completed: New Move-In keeps its one id; Move-In Completed fires once for it', async () => {
    const booked = job('job_1');
    listJobs([booked]);
    answerJob(booked);
    const first = await poll('new_move_in_polling');
    listJobs([booked]);
    expect((await poll('move_in_completed_polling')).out).toEqual([]); // not completed yet

    const completed = { ...booked, state: 'completed', updated: ago(MINUTE) };
    listJobs([completed]);
    const again = await poll('new_move_in_polling');
    expect(again.out.map((o) => o.id)).toEqual(first.out.map((o) => o.id)); // no second New Move-In run
    listJobs([completed]);
    answerJob(completed);
    const done = await poll('move_in_completed_polling');
    expect(done.out.map((o) => o.id)).toEqual(['job_1:job.unit_moveIn.completed']);
    expect(done.out[0]).toMatchObject({
      type: 'job.unit_moveIn.completed',
      unitRentalId: 'ur_1',
      unitRental: { id: 'ur_1' },
    });
  });

  test('each twin lists the jobs of its own type', async () => {
    for (const [key, type] of [
      ['new_move_out_polling', 'unit_moveOut'],
      ['move_out_completed_polling', 'unit_moveOut'],
      ['new_valet_order_polling', 'valetOrder'],
    ]) {
      listJobs([], type);
      const { out, requests } = await poll(key);
      expect(out).toEqual([]);
      expect(requests).toHaveLength(1);
    }
  });
});

describe('New Invoice (Polling)', () => {
  const invoice = (id: string, over: Dict = {}): Dict => ({
    ...answers.invoice,
    id,
    sid: `cen${id}`,
    state: 'sent',
    ownerId: 'usr_1',
    owner: { id: 'usr_1', name: 'Jane Doe' },
    unitRentalId: 'ur_1',
    siteId: 'site_1',
    total: 141.5,
    balance: 141.5,
    created: ago(2 * MINUTE),
    updated: ago(2 * MINUTE),
    ...over,
  });

  test('invoices created in the window, each read with its customer and rental as the instant New Invoice', async () => {
    sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => typeof q.updatedAfter === 'string')
      .reply(200, [invoice('i1'), invoice('i_edited', { created: ago(30 * 86_400_000) })]);
    sg().get(`${ADMIN}/invoices/i1`).query(true).reply(200, invoice('i1'));
    sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, CUSTOMER);
    sg().get(`${ADMIN}/unit-rentals/ur_1`).query(true).reply(200, RENTAL);
    const { out, requests } = await poll('new_invoice_polling');
    expect(requests).toHaveLength(4);
    expect(out).toEqual([
      expect.objectContaining({
        id: 'i1:invoice.created',
        invoiceId: 'i1',
        unitRentalId: 'ur_1',
        invoice: expect.objectContaining({ customerEmail: 'jane.doe@example.com' }),
        unitRental: expect.objectContaining({ id: 'ur_1' }),
      }),
    ]);
    expect(sampleParityViolations('new_invoice', triggers.new_invoice.operation.sample, out[0])).toEqual([]);
  });

  test('Transfer: every invoice, page by page as Zapier asks, until an empty page; a normal poll stays one list', async () => {
    expect(triggers.new_invoice_polling.operation.canPaginate).toBe(true);
    const all = Array.from({ length: TRANSFER_PAGE + 3 }, (_, i) =>
      invoice(`t${i}`, {
        created: ago(400 * 86_400_000),
        unitRentalId: undefined,
        owner: { id: 'usr_1', email: 'a@b.example' },
      }),
    );
    const page = (n: number) =>
      sg()
        .get(`${ADMIN}/invoices`)
        .query((q) => q.limit === String(TRANSFER_PAGE) && q.offset === String(n * TRANSFER_PAGE))
        .reply(200, all.slice(n * TRANSFER_PAGE, (n + 1) * TRANSFER_PAGE));
    const readEach = (from: number, to: number) => {
      for (const inv of all.slice(from, to))
        sg().get(`${ADMIN}/invoices/${inv.id}`).query(true).reply(200, inv);
    };
    page(0);
    readEach(0, TRANSFER_PAGE);
    const first = await poll('new_invoice_polling', { isBulkRead: true, page: 0 });
    expect(first.out).toHaveLength(TRANSFER_PAGE);
    page(1);
    readEach(TRANSFER_PAGE, TRANSFER_PAGE + 3);
    const second = await poll('new_invoice_polling', { isBulkRead: true, page: 1 });
    expect(second.out.map((o) => o.invoiceId)).toEqual(['t10', 't11', 't12']);
    page(2);
    const end = await poll('new_invoice_polling', { isBulkRead: true, page: 2 });
    expect(end.out).toEqual([]);
    expect(end.requests).toHaveLength(1);
  });
});

describe('Unit Rental Marked Overdue (Polling)', () => {
  test('a rental the list shows overdue fires once per rental; one that is not overdue does not', async () => {
    const rental = (id: string, overdue: boolean) => ({
      id,
      overdue,
      unitId: 'unit_1',
      ownerId: 'usr_1',
      siteId: 'site_1',
      state: 'occupied',
      created: ago(86_400_000),
      updated: ago(MINUTE),
    });
    sg()
      .get(`${ADMIN}/unit-rentals`)
      .query((q) => typeof q.updatedAfter === 'string')
      .reply(200, [rental('ur_late', true), rental('ur_fine', false)]);
    sg().get(`${ADMIN}/unit-rentals/ur_late`).query(true).reply(200, rental('ur_late', true));
    const { out, requests } = await poll('unit_rental_overdue_polling');
    expect(requests).toHaveLength(2);
    expect(out.map((o) => o.id)).toEqual(['ur_late:unitRental.markOverdue']);
    expect(out[0]).toMatchObject({ unitRentalId: 'ur_late', unitRental: { id: 'ur_late', overdue: true } });
  });
});

describe('every twin', () => {
  test.each(TWINS.map((t) => [t.key, t.twin]))(
    '%s: a label that cannot be confused with %s, and the instant trigger’s keys in its sample',
    (key, twin) => {
      const polled = triggers[key];
      expect(polled.display.label).toMatch(/ \(Polling\)$/);
      expect(polled.display.label).not.toBe(triggers[twin].display.label);
      expect(polled.display.description).toMatch(/^Triggers when /);
      expect(polled.operation.type).toBe('polling');
      expect(Object.keys(polled.operation.sample).sort()).toEqual(
        Object.keys(triggers[twin].operation.sample).sort(),
      );
      const statics = (fields: unknown[]) => fields.filter((f) => typeof f !== 'function');
      expect(statics(polled.operation.outputFields)).toEqual(statics(triggers[twin].operation.outputFields));
      // and the custom fields under the business's own names, as the twin has them
      expect(polled.operation.outputFields.filter((f: unknown) => typeof f === 'function')).toHaveLength(1);
    },
  );
});
