// `npm test`'s jest run: the same specs and setup as the default config (package.json "jest"), loaded in a few
// parts so zapier-platform-core and the app load once per part, not once per spec file (test/bundles/parts.ts).
// `npx jest test/…/x.test.ts` keeps running one spec file with the default config.
'use strict';
const { jest: base } = require('./package.json');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/bundles/part-*.ts'],
  // A part never runs in a worker an earlier part used (with fewer workers than parts, e.g. --maxWorkers=1):
  // loading core leaks the registry, and core's memory guard (it ends a process above 450 MB RSS once it has
  // served 250 runs, as on Zapier) must see one part's memory, not what an earlier part left behind.
  workerIdleMemoryLimit: '1MB',
};
