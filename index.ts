/**
 * Storeganise for Zapier — the table of contents of the app.
 */
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './src/authentication';
import { addStoreganiseHeaders, handleStoreganiseErrors } from './src/client';
import { creates } from './src/creates';
import { dropdowns } from './src/dropdowns';
import { withSecretGuard } from './src/secret-guard';
import { shareIdenticalParts } from './src/shared-parts';
import { searches, searchOrCreates } from './src/searches';
import { triggers } from './src/triggers';

// Every function Zapier calls is wrapped once: no secret leaves in a result, an error or a log line.
// Identical parts of the definition are one object, so core's per-call copy of it is smaller.
export default withSecretGuard(
  shareIdenticalParts(
    defineApp({
      version: packageJson.version,
      platformVersion,
      // Every request goes through z.request, which core logs already; its patch of Node's http module
      // would log each one a second time (secret scrubbing included), on every call.
      flags: { skipHttpPatch: true },

      // Connection: business code + API key; the client adds auth and maps errors for every request.
      authentication,
      beforeRequest: [addStoreganiseHeaders],
      afterResponse: [handleStoreganiseErrors],

      triggers: { ...triggers, ...dropdowns },
      searches,
      creates,
      searchOrCreates,
    }),
  ),
);
