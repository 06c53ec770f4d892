/**
 * The operators' workflows against the local sandbox through the real runtime: the same
 * run `npm start` prints after the Zap lifecycle. Loopback only.
 */
import { startEnvironment, type Environment } from '../../zapier-local/lifecycle';
import { runWorkflows } from '../../zapier-local/workflows';

// strict: a sandbox that ignores the list filters and includes Storeganise is not known to have
describe.each([false, true])('sandbox strict=%s', (strict) => {
  let env: Environment;
  beforeAll(async () => {
    env = await startEnvironment({ strict });
  });
  afterAll(async () => {
    await env?.close();
  });

  test('accounting round trip, CRM look-ups, access codes and a move-out all work, and replays write nothing', async () => {
    const lines: string[] = [];
    const result = await runWorkflows(env, (line) => lines.push(line));
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.steps.map((s) => s.name)).toEqual([
      'Find Invoice by number "#LON010233"',
      'Add Invoice Payment for the balance',
      'the same step replayed by Zapier records nothing new',
      'Find Customer by name "chloe martin"',
      'Find Customer by phone, typed without spaces',
      'Find Site by name "central london"',
      'Find Unit "a-101" at that site',
      'Update Custom Fields on the unit: gate_pin = 4821',
      'the same step replayed writes nothing',
      "the Step dropdown lists the move-out's open steps",
      'Complete Job Step with Next Unit State "available"',
      'the same step replayed writes nothing',
    ]);
    expect(lines.join('\n')).toContain('unit A-101 is now available');
    const sandbox = env.sandbox;
    const unit = sandbox.data.units.find((u) => u.name === 'A-101');
    expect(unit?.customFields).toMatchObject({ gate_pin: '4821' });
    expect(sandbox.data.invoices.find((i) => i.sid === 'lon010233')?.state).toBe('paid');
  });
});
