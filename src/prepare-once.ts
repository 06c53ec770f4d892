/**
 * zapier-platform-core prepares the whole app definition (a deep copy, a resolve pass and a deep
 * freeze) twice on EVERY call of every operation (`create-lambda-handler.js` and `create-app.js`;
 * core's own TODO says so). For this app that is most of what a webhook perform costs. The prepared
 * definition is frozen and depends only on the definition object, so it is computed once per
 * definition object and reused. Definitions that core or its tester change between calls (an ad-hoc
 * test function is added as `_testRequest`; Zapier's `appRawOverride` is a new object each time) are
 * prepared as before. If core's module does not look as expected, nothing is changed.
 */
type Prepare = (appRaw: object) => object;

const PATCHED = Symbol.for('storeganise.prepareOnce');

export function prepareOnce(): boolean {
  let schema: { prepareApp?: Prepare & { [PATCHED]?: true } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    schema = require('zapier-platform-core/src/tools/schema');
  } catch {
    return false;
  }
  const original = schema.prepareApp;
  if (typeof original !== 'function') return false;
  if (original[PATCHED]) return true;
  const prepared = new WeakMap<object, object>();
  const memoised = ((appRaw: object) => {
    if (!appRaw || typeof appRaw !== 'object' || '_testRequest' in appRaw) return original(appRaw);
    let app = prepared.get(appRaw);
    if (!app) {
      app = original(appRaw);
      prepared.set(appRaw, app);
    }
    return app;
  }) as Prepare & { [PATCHED]?: true };
  memoised[PATCHED] = true;
  schema.prepareApp = memoised;
  return true;
}
