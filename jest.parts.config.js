// `npm test`'s jest run: the same specs and setup as the default config (package.json "jest"), loaded in a few
// parts so zapier-platform-core and the app load once per part, not once per spec file (test/bundles/parts.ts).
// `npx jest test/…/x.test.ts` keeps running one spec file with the default config.
'use strict';
const { jest: base } = require('./package.json');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/bundles/part-*.ts'],
  testPathIgnorePatterns: base.testPathIgnorePatterns,
};
