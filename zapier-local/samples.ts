/**
 * `npm run samples -- <trigger key>`: prints a trigger's sample data — what the Zap editor offers as
 * samples: an instant trigger's `performList`, a polling trigger's `perform` as the editor calls it
 * (`meta.isLoadingSample`) — run against the local sandbox as Zapier runs it (./runtime.ts).
 * `zapier-platform invoke trigger <key>` cannot show this for an instant (hook) trigger: it runs
 * `perform` with an empty request. Without a key, lists the triggers that have sample data.
 *
 *   npm run samples -- new_move_in              # the default sandbox
 *   npm run samples -- new_move_in_polling      # its polling twin
 *   npm run samples -- new_move_in --strict     # a sandbox without the unconfirmed filters and includes
 *   npm run samples -- new_event --input '{"eventType":"invoice.created"}'   # inputData for the trigger
 */
import './strict-runtime';
import App from '../index';
import { API_URL_ENV } from '../src/client';
import { Sandbox } from '../sandbox/server';
import { createZapierRuntime } from './runtime';

type Trigger = {
  display?: { hidden?: boolean; label?: string };
  operation?: { type?: string; performList?: unknown; perform?: unknown };
};

const triggers = App.triggers as unknown as Record<string, Trigger>;
/** What the editor calls for a trigger's samples: performList (instant), perform (polling). */
const samplesOf = (t: Trigger | undefined) =>
  t?.operation?.type === 'hook'
    ? t.operation.performList
    : t?.display?.hidden
      ? undefined
      : t?.operation?.perform;
const withSamples = Object.entries(triggers)
  .filter(([, t]) => typeof samplesOf(t) === 'function')
  .map(([key, t]) => `  ${key.padEnd(32)} ${t.display?.label ?? ''}`);

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const key = process.argv
    .slice(2)
    .find((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--input');
  if (!key) {
    const usage = "Usage: npm run samples -- <trigger key> [--strict] [--input '{…}']";
    process.stdout.write(`${usage}\n\n${withSamples.join('\n')}\n`);
    return 0;
  }
  const performList = samplesOf(triggers[key]);
  if (typeof performList !== 'function') {
    const known = withSamples.join('\n');
    process.stderr.write(`No trigger "${key}" with sample data. Triggers that have some:\n${known}\n`);
    return 1;
  }
  const inputData = JSON.parse(option('input') ?? '{}') as Record<string, unknown>;
  const sandbox = await new Sandbox({ strict: process.argv.includes('--strict') }).start();
  process.env[API_URL_ENV] = sandbox.apiUrl;
  try {
    const run = createZapierRuntime(App);
    const bundle = { authData: sandbox.authData(), inputData, meta: { isLoadingSample: true } };
    const samples = await run(performList, bundle);
    process.stdout.write(`${JSON.stringify(samples, null, 2)}\n`);
    const requests = sandbox.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);
    process.stderr.write(
      `${key}: ${Array.isArray(samples) ? samples.length : 0} sample(s) from the ` +
        `${sandbox.strict ? 'strict ' : ''}sandbox; requests: ${requests.join(', ') || 'none'}\n`,
    );
    return 0;
  } finally {
    await sandbox.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`npm run samples failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
