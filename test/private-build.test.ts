/**
 * The two builds (src/triggers/build.ts). Zapier allows no static-hook trigger in a public app (D017):
 * the public build has none; STOREGANISE_MANUAL_WEBHOOK=1 at build time adds the manual set-up trigger
 * for a private app, and only then do refusal messages point to it.
 */
import { MANUAL_WEBHOOK_ENV, manualWebhookIncluded } from '../src/private-build';
import { App } from './helpers';
import { publishingViolations } from './publishing-rules';

type Dict = Record<string, any>;

/** The app definition as a build with these environment variables would make it. */
function appBuiltWith(env: Record<string, string | undefined>): Dict {
  const saved = { ...process.env };
  let app: Dict = {};
  try {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    jest.isolateModules(() => {
      // Loaded afresh under each build-time setting: only a require() inside isolateModules does that.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      app = require('../index').default;
    });
  } finally {
    process.env = saved;
  }
  return app;
}

const staticHooks = (app: Dict) =>
  Object.entries(app.triggers as Dict)
    .filter(([, t]) => t.operation?.type === 'hook' && !t.operation.performSubscribe)
    .map(([key]) => key);

test('the switch is on only for the exact value 1', () => {
  expect(manualWebhookIncluded({})).toBe(false);
  expect(manualWebhookIncluded({ [MANUAL_WEBHOOK_ENV]: '0' })).toBe(false);
  expect(manualWebhookIncluded({ [MANUAL_WEBHOOK_ENV]: 'yes' })).toBe(false);
  expect(manualWebhookIncluded({ [MANUAL_WEBHOOK_ENV]: ' 1 ' })).toBe(true);
});

test('the public build (the default) has no static hook and passes the publishing rules', () => {
  // the suite's App is the public build: test/setup.ts clears the switch before anything loads
  expect(process.env[MANUAL_WEBHOOK_ENV]).toBeUndefined();
  expect(staticHooks(App)).toEqual([]);
  expect(publishingViolations(App).filter((line) => /^(D017|T001|T004) /.test(line))).toEqual([]);
});

test('the private build adds the manual set-up trigger, with directions, and is flagged by D017 as not public', () => {
  const app = appBuiltWith({ [MANUAL_WEBHOOK_ENV]: '1' });
  expect(staticHooks(app)).toEqual(['webhook_manual']);
  expect(app.triggers.webhook_manual.display.directions).toMatch(/Main Settings > Developer > Webhooks/);
  expect(publishingViolations(app).join('\n')).toMatch(/D017/);
});
