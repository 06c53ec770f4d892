/** The end-to-end specification (./e2e-specification.ts) against the default sandbox. */
import { specifyEndToEnd } from './lifecycle-specification';

specifyEndToEnd({ strict: false });
