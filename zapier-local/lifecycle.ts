/**
 * One complete Zap against the sandbox, through the real zapier-platform-core runtime
 * (createAppTester): connect → turn the Zap on (subscribe) → a move-in is created → the signed
 * webhook reaches the local hook URL → perform (fetches the job, its customer, unit and site) → the
 * next step maps them → the same delivery again does nothing → Find Job → Add Custom Charge (twice:
 * the replay is skipped) → turn the Zap off (unsubscribe).
 *
 * Shared by `npm start` (zapier-local/start.ts) and the end-to-end tests (test/zapier-local/lifecycle.test.ts), so the
 * two cannot drift apart.
 */
import {
  app,
  appTester,
  type Environment,
  KEYS,
  MOVE_IN_EVENT,
  operation,
  perform,
  signatureValid,
} from './environment';
import { check, type LifecycleResult, plural, stepRunner, type StepResult } from './steps';

// The environment and the step runner are part of this module's surface (start, e2e, workflows).
export * from './environment';
export * from './steps';

// ---------------------------------------------------------------------------------------- the run
/**
 * Runs the whole Zap against a started environment. Every step is run through the real runtime and
 * checked; a step whose input an earlier failure did not produce is reported as skipped (a failure).
 * The Zap is turned off at the end whenever it was turned on.
 */
export async function runLifecycle(
  env: Environment,
  print: (line: string) => void = () => {},
): Promise<LifecycleResult> {
  const { sandbox, receiver, authData } = env;
  const ctx: Record<string, any> = {};
  const steps: StepResult[] = [];
  const today = new Date().toISOString().slice(0, 10);

  const step = stepRunner(sandbox, ctx, steps, print);

  await step('Connect: test the API key and label the connection', [], async () => {
    const test = await appTester(app.authentication.test, { authData, inputData: {} });
    const label = await appTester(app.authentication.connectionLabel, { authData, inputData: test });
    check(test?.businessCode === sandbox.businessCode, `auth test returned ${JSON.stringify(test)}`);
    check(
      typeof label === 'string' && label.includes(sandbox.businessCode),
      `unexpected label ${JSON.stringify(label)}`,
    );
    ctx.connection = test;
    return `auth test passed; connection label "${label}"`;
  });

  await step(
    'Turn the Zap on: subscribe the move-in trigger (performSubscribe)',
    ['connection'],
    async () => {
      const key = KEYS.moveInTrigger;
      const method = operation('triggers', key, 'performSubscribe');
      const subscribeData = await appTester(method, {
        authData,
        inputData: {},
        targetUrl: receiver.url,
        meta: {},
      });
      const hook = sandbox.webhooks.get(subscribeData?.id);
      check(
        hook,
        `subscribe returned ${JSON.stringify(subscribeData)}, which names no webhook registered in the sandbox`,
      );
      check(
        hook.url === receiver.url && hook.events.includes(MOVE_IN_EVENT),
        `registered ${JSON.stringify(hook)}`,
      );
      ctx.triggerKey = key;
      ctx.subscribeData = subscribeData;
      return `webhook ${hook.id} registered for ${hook.events.join(', ')} → ${hook.url} (trigger "${key}")`;
    },
  );

  await step('A customer books a unit: the sandbox creates a move-in job', ['subscribeData'], async () => {
    const customer = sandbox.data.users[0];
    const moveIn = sandbox.createMoveIn({ ownerId: customer.id });
    ctx.job = moveIn.job;
    ctx.unitRental = moveIn.unitRental;
    ctx.deliveries = moveIn.deliveries;
    const unit = sandbox.data.units.find((u) => u.id === moveIn.unitRental.unitId);
    return `job ${moveIn.job.id} (unit_moveIn) for ${String(customer.firstName)} ${String(customer.lastName)}, unit ${String(unit?.name)}, reserved rental ${moveIn.unitRental.id}`;
  });

  await step(
    `Storeganise POSTs the signed ${MOVE_IN_EVENT} webhook to the Zap's hook URL`,
    ['deliveries'],
    async () => {
      const hook = await receiver.next(8000);
      const [delivery] = await ctx.deliveries;
      check(delivery?.delivered, `delivery failed: ${JSON.stringify(delivery?.attempts)}`);
      const event = hook.cleanedRequest as { id: string; type: string; data: Record<string, unknown> };
      check(
        event.type === MOVE_IN_EVENT && event.data?.jobId === ctx.job.id,
        `unexpected event ${hook.rawRequest.content}`,
      );
      check(
        Object.values(event.data).every((v) => typeof v === 'string'),
        'data must hold ids only',
      );
      check(signatureValid(sandbox.signingSecret, hook), 'Http-Sg-Signature does not match the body');
      ctx.hook = hook;
      return `event ${event.id}, data ${JSON.stringify(event.data)}; Http-Sg-Signature valid; answered 200 in ${delivery.attempts[0].ms} ms (attempt ${delivery.attempts.length} of 3)`;
    },
  );

  await step(
    'Zapier runs the trigger: perform fetches the records the event names',
    ['hook', 'triggerKey'],
    async () => {
      const before = sandbox.requests.length;
      const out = await perform(ctx.triggerKey, ctx.hook, authData, ctx.subscribeData);
      check(Array.isArray(out) && out.length === 1, `perform returned ${JSON.stringify(out)}`);
      const [first] = out;
      const job = first.job as Record<string, unknown> | null;
      check(job, `no job in ${JSON.stringify(first)}`);
      check(
        first.jobId === ctx.job.id && job.id === ctx.job.id && job.type === 'unit_moveIn',
        `output ${JSON.stringify(first)}`,
      );
      const paths = sandbox.requests
        .slice(before)
        .map((r) => `${r.method} ${r.path}`)
        .join(', ');
      ctx.output = first;
      ctx.hydratedJob = job;
      return `1 result: event ${first.id}, job ${String(job.id)} (${String(job.state)}) with its customer, unit and site inline; requests: ${paths}`;
    },
  );

  await step(
    'The next Zap step maps what the trigger handed on (no further request)',
    ['output'],
    async () => {
      const { customer, unit, site, unitRental } = ctx.output as Record<
        string,
        Record<string, unknown> | null
      >;
      check(customer?.email && unit?.name && site?.name, `missing records in ${JSON.stringify(ctx.output)}`);
      check(
        !unitRental || unitRental.id === ctx.unitRental.id,
        `job names rental ${String(unitRental?.id)}, expected ${ctx.unitRental.id}`,
      );
      return `Customer Email ${String(customer.email)}, Unit Name ${String(unit.name)}, Site Name ${String(site.name)}${unitRental ? `, Unit Rental ${String(unitRental.id)}` : ''}`;
    },
  );

  await step('The same delivery again (a Storeganise retry): this Zap skips it', ['output'], async () => {
    const again = await perform(ctx.triggerKey, ctx.hook, authData, ctx.subscribeData);
    check(Array.isArray(again) && again.length === 0, `a repeated event ran again: ${JSON.stringify(again)}`);
    return 'no result, no request: the event id is remembered for this Zap in z.cache';
  });

  await step(
    'Without webhooks: New Move-In (Polling) hands on the same move-in, its records read once',
    ['output'],
    async () => {
      const poll = (meta: Record<string, unknown>) =>
        appTester(operation('triggers', KEYS.moveInPolling, 'perform'), { authData, inputData: {}, meta });
      const before = sandbox.requests.length;
      const polled = await poll({ zap: { id: 'zap-polling' } });
      const mine = Array.isArray(polled) ? polled.find((o) => o.jobId === ctx.job.id) : undefined;
      check(mine, `the move-in is not among ${JSON.stringify(polled)}`);
      const instantKeys = Object.keys(ctx.output as object)
        .sort()
        .join();
      check(
        Object.keys(mine).sort().join() === instantKeys,
        `keys ${Object.keys(mine)} differ from the instant output's`,
      );
      const customer = mine.customer as Record<string, unknown> | null;
      check(customer?.email === (ctx.output as Record<string, any>).customer?.email, 'another customer');
      const first = sandbox.requests.length - before;
      const again = await poll({ zap: { id: 'zap-polling' } });
      const second = sandbox.requests.length - before - first;
      check(Array.isArray(again) && again.some((o) => o.id === mine.id), 'the same id on the next poll');
      check(second === 1, `the next poll made ${second} requests, not 1 (the list)`);
      return `id ${String(mine.id)}, the instant trigger's keys; ${first} requests, then ${second} on the next poll (the list only)`;
    },
  );

  await step('Search: Find Job (find_job, jobId)', ['job'], async () => {
    const found = await appTester(operation('searches', KEYS.findJob, 'perform'), {
      authData,
      inputData: { jobId: ctx.job.id },
    });
    check(
      Array.isArray(found) && found.length === 1 && found[0].id === ctx.job.id,
      `find_job returned ${JSON.stringify(found)}`,
    );
    const missing = await appTester(operation('searches', KEYS.findJob, 'perform'), {
      authData,
      inputData: { jobId: '5a0d00000000f0000000dead' },
    });
    check(
      Array.isArray(missing) && missing.length === 0,
      `an unknown job should be an empty result, got ${JSON.stringify(missing)}`,
    );
    ctx.found = found[0];
    return `found job ${String(found[0].id)} (${String(found[0].type)}, ${String(found[0].state)}); an unknown id gives an empty result`;
  });

  const chargeInput = () => ({
    unitRentalId: ctx.hydratedJob?.unitRentalId ?? ctx.unitRental.id,
    description: 'Admin fee (new move-in)',
    amount: '25',
    quantity: '1',
    startDate: today,
    skipDuplicates: 'true',
  });
  const chargesNamed = (title: string) =>
    (
      (sandbox.data.unitRentals.find((r) => r.id === ctx.unitRental.id)?.charges as Array<
        Record<string, any>
      >) ?? []
    ).filter((c) => c.title?.en === title);

  await step('Action: Add Custom Charge to the rental (add_unit_rental_charge)', ['unitRental'], async () => {
    const result = await appTester(operation('creates', KEYS.addCharge, 'perform'), {
      authData,
      inputData: chargeInput(),
    });
    check(
      result?.duplicateSkipped === false,
      `expected a new charge, got duplicateSkipped=${String(result?.duplicateSkipped)}`,
    );
    check(
      chargesNamed(chargeInput().description).length === 1,
      'the sandbox rental does not hold the new charge',
    );
    ctx.charge = result.charge;
    return `charge ${String(result.charge?.id)} "${chargeInput().description}" 25 × 1 from ${today} added to rental ${String(result.id)}`;
  });

  await step('Action again (a Zapier replay): the duplicate is skipped', ['charge'], async () => {
    const result = await appTester(operation('creates', KEYS.addCharge, 'perform'), {
      authData,
      inputData: chargeInput(),
    });
    check(
      result?.duplicateSkipped === true,
      `expected duplicateSkipped=true, got ${String(result?.duplicateSkipped)}`,
    );
    check(result.charge?.id === ctx.charge.id, 'the replay returned another charge');
    const count = chargesNamed(chargeInput().description).length;
    check(count === 1, `the rental now holds ${count} such charges`);
    return `duplicateSkipped: true, same charge ${String(result.charge.id)} returned; the rental still holds 1 such charge`;
  });

  await step('Turn the Zap off: unsubscribe (performUnsubscribe)', ['subscribeData'], async () => {
    const id = ctx.subscribeData.id;
    await appTester(operation('triggers', ctx.triggerKey, 'performUnsubscribe'), {
      authData,
      inputData: {},
      subscribeData: ctx.subscribeData,
      targetUrl: receiver.url,
      meta: {},
    });
    check(!sandbox.webhooks.has(id), `webhook ${id} is still registered`);
    return `webhook ${id} removed; ${plural(sandbox.webhooks.size, 'webhook')} left in the sandbox`;
  });

  await sandbox.idle();
  return { ok: steps.every((s) => s.ok), steps, context: ctx };
}
