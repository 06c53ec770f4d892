/**
 * Storeganise for Zapier — the table of contents of the app.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './src/authentication';
import { addStoreganiseHeaders, handleStoreganiseErrors } from './src/client';

export default defineApp({
  version: packageJson.version,
  platformVersion,

  authentication,
  beforeRequest: [addStoreganiseHeaders],
  afterResponse: [handleStoreganiseErrors],

  triggers: {},
  searches: {},
  creates: {},
});
