/** Zapier's input coercion, shared with the sandbox's runs: see sandbox/coerce.ts. */
export { coercedBundle, coercedFor, coerceInput, staticFields, ZAPIER_TIMEZONE } from '../../sandbox/coerce';
