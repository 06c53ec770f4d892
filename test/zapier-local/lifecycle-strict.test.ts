/**
 * The end-to-end specification (./e2e-specification.ts) against a strict sandbox: unconfirmed list filters
 * (jobs `type`/`state`, invoices `sid`) and `include=` on lists are ignored, as on a tenant without them
 * (sandbox/store.ts).
 */
import { specifyEndToEnd } from './lifecycle-specification';

specifyEndToEnd({ strict: true });
