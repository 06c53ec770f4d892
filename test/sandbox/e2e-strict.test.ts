/**
 * The end-to-end specification (test/sandbox/e2e.test.ts) against a strict sandbox: unconfirmed list filters
 * (jobs `type`/`state`, invoices `sid`) and `include=` on lists are ignored, as on a tenant without them
 * (sandbox/store.ts). A file of its own so jest runs both modes in parallel.
 */
import { sandboxMode } from './mode';

sandboxMode.strict = true;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the flag: imports are hoisted
require('./e2e.test');
