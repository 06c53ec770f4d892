/**
 * The workflows operators build, run against the sandbox through the real runtime, each
 * step checked and printed like the Zap lifecycle:
 * - accounting round trip: Find Invoice by its printed number → Add Invoice Payment (a replay adds
 *   nothing);
 * - CRM sync: Find Customer by name, then by phone;
 * - access codes: Find Site by name → Find Unit by name → Update Custom Fields on the unit (a replay
 *   writes nothing);
 * - move-out: the Step dropdown of the move-out → Complete Job Step with Next Unit State (a replay
 *   writes nothing).
 * Used by `npm start` after the Zap lifecycle and by test/zapier-local/workflows.test.ts.
 */
import App from '../index';
import {
  appTester,
  check,
  plural,
  stepRunner,
  type Environment,
  type LifecycleResult,
  type StepResult,
} from './lifecycle';
import { makeId } from '../sandbox/seed';

type AnyApp = Record<string, any>;
const app = App as unknown as AnyApp;

export async function runWorkflows(
  env: Environment,
  print: (line: string) => void = () => {},
  first = 1,
): Promise<LifecycleResult> {
  const { sandbox, authData } = env;
  const ctx: Record<string, any> = {};
  const steps: StepResult[] = [];
  const search = (key: string, inputData: Record<string, unknown>) =>
    appTester(app.searches[key].operation.perform, { authData, inputData }) as Promise<
      Array<Record<string, any>>
    >;
  const create = (key: string, inputData: Record<string, unknown>) =>
    appTester(app.creates[key].operation.perform, { authData, inputData }) as Promise<Record<string, any>>;
  const writes = (from: number) => sandbox.requestsSince(from).filter((r) => r.method !== 'GET').length;

  const step = stepRunner(sandbox, ctx, steps, print, first);

  print('\nAccounting round trip: a payment in the accounting app records the Storeganise payment');
  await step('Find Invoice by number "#LON010233"', [], async () => {
    const [invoice] = await search('find_invoice', { invoiceNumber: '#LON010233' });
    check(invoice?.invoiceNumber === 'lon010233', 'invoice lon010233 was not found');
    ctx.invoice = invoice;
    const who = `${invoice.customerName} (${invoice.customerEmail})`;
    return `invoice ${invoice.invoiceNumber} of ${who}: ${invoice.state}, balance ${invoice.balance}`;
  });
  const payment = () => ({
    invoiceId: ctx.invoice.id,
    amount: String(ctx.invoice.balance),
    method: 'transfer',
    date: '2026-12-02',
    notes: 'Xero payment',
  });
  await step('Add Invoice Payment for the balance', ['invoice'], async () => {
    const out = await create('add_invoice_payment', payment());
    check(
      out.state === 'paid' && out.duplicateSkipped === false,
      `expected a paid invoice, got ${out.state}`,
    );
    return `payment of ${out.payment?.amount} recorded; the invoice is now ${out.state}`;
  });
  await step('the same step replayed by Zapier records nothing new', ['invoice'], async () => {
    const from = sandbox.requests.length;
    const out = await create('add_invoice_payment', payment());
    check(out.duplicateSkipped === true && writes(from) === 0, 'the replay wrote to Storeganise');
    return `duplicateSkipped: true, ${plural(writes(from), 'write')}`;
  });

  print('\nCRM sync: a CRM contact finds the Storeganise customer');
  await step('Find Customer by name "chloe martin"', [], async () => {
    const [customer] = await search('find_customer', { nameOrPhone: 'chloe martin' });
    check(customer?.name === 'Chloe Martin', 'Chloe Martin was not found');
    ctx.customer = customer;
    return `${customer.name} <${customer.email}>, ${customer.companyName}`;
  });
  await step('Find Customer by phone, typed without spaces', ['customer'], async () => {
    const typed = String(ctx.customer.phone).replace(/\s+/g, '');
    const [customer] = await search('find_customer', { nameOrPhone: typed });
    check(customer?.id === ctx.customer.id, `${typed} did not find ${ctx.customer.name}`);
    return `"${typed}" → ${customer.name}`;
  });

  print("\nAccess codes: the gate system's PIN is written to the unit");
  await step('Find Site by name "central london"', [], async () => {
    const [site] = await search('find_site', { site: 'central london' });
    check(site?.code === 'LON', 'Central London was not found');
    ctx.site = site;
    return `${site.name} (${site.code}, ${site.id})`;
  });
  await step('Find Unit "a-101" at that site', ['site'], async () => {
    const [unit] = await search('find_unit', { siteId: ctx.site.id, unitName: 'a-101' });
    check(unit?.name === 'A-101', 'unit A-101 was not found');
    ctx.unit = unit;
    return `unit ${unit.name} (${unit.state})`;
  });
  await step('Update Custom Fields on the unit: gate_pin = 4821', ['unit'], async () => {
    const out = await create('update_custom_fields', {
      recordType: 'unit',
      recordId: ctx.unit.id,
      customFields: { gate_pin: '4821' },
    });
    check(out.customFields?.gate_pin === '4821', 'gate_pin was not written');
    return `customFields: ${JSON.stringify(out.customFields)}`;
  });
  await step('the same step replayed writes nothing', ['unit'], async () => {
    const from = sandbox.requests.length;
    await create('update_custom_fields', {
      recordType: 'unit',
      recordId: ctx.unit.id,
      customFields: { gate_pin: '4821' },
    });
    check(writes(from) === 0, 'the replay wrote to Storeganise');
    return plural(writes(from), 'write');
  });

  print('\nMove-out: the operator confirms the move-out from a Zap');
  const moveOutId = makeId('job', 3);
  await step("the Step dropdown lists the move-out's open steps", [], async () => {
    const list = (await appTester(app.triggers.job_step_list.operation.perform, {
      authData,
      inputData: { jobId: moveOutId },
      meta: {},
    })) as Array<{ id: string; label: string }>;
    check(list.length > 0, 'no open step');
    ctx.stepId = list[0].id;
    return list.map((s) => `"${s.label}"`).join(', ');
  });
  await step('Complete Job Step with Next Unit State "available"', ['stepId'], async () => {
    const out = await create('complete_job_step', {
      jobId: moveOutId,
      stepId: ctx.stepId,
      nextUnitState: 'available',
    });
    check(out.alreadyCompleted === false && out.state === 'completed', `the move-out is ${out.state}`);
    const unit = sandbox.data.units.find(
      (u) => u.id === sandbox.data.unitRentals.find((r) => r.id === out.unitRentalId)?.unitId,
    );
    return `move-out ${out.state}; unit ${String(unit?.name)} is now ${String(unit?.state)}`;
  });
  await step('the same step replayed writes nothing', ['stepId'], async () => {
    const from = sandbox.requests.length;
    const out = await create('complete_job_step', {
      jobId: moveOutId,
      stepId: ctx.stepId,
      nextUnitState: 'available',
    });
    check(out.alreadyCompleted === true && writes(from) === 0, 'the replay wrote to Storeganise');
    return `alreadyCompleted: true, ${plural(writes(from), 'write')}`;
  });

  return { ok: steps.every((s) => s.ok), steps, context: ctx };
}
