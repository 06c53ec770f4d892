/**
 * Input coercion as Zapier applies it to typed input fields before `perform` sees them.
 *
 * Source: zapier-platform-cli 19.1.0, `src/oclif/commands/invoke/input-types.js`
 * (`resolveInputDataTypes`, which the CLI's `invoke` runs before perform "like how Zapier production
 * does"; its timezone flag defaults to America/Chicago, "which matches Zapier production behavior").
 * We call the CLI's own function rather than re-implement it, so the suite coerces exactly as
 * `zapier-platform invoke` does, and follows the CLI when it is upgraded. What it does:
 * - `number`: keeps only the characters `0-9 . - ,` and reads the rest with parseFloat: "abc" and ""
 *   become 0, "12,50" becomes 12, "1,234.50" becomes 1.
 * - `integer`: parseInt, else the floor of the `number` reading.
 * - `boolean`: "no", "false", "0", "none", "null"… are false, any other non-empty text is true.
 * - `datetime`: chrono-node in the user's timezone; 10–14 digit runs are Unix times; "01/02/2026"
 *   is January 2 (US order); text with no date at all (and "") becomes *now*.
 * - fields with a `default` get it when the value is empty or absent.
 * Only fields the operation declares are touched; `string`/`text` fields pass through as typed.
 *
 * Shared by the jest suite's runtime (test/runtime/app-tester.ts) and the local runs (`npm start`,
 * zapier-local/lifecycle.ts; `npm run bench`, bench/), so a local run sees what a Zap's perform sees.
 */
import type { Bundle } from 'zapier-platform-core';

type Field = { key: string; type?: string; default?: string; children?: Field[] };
type Resolve = (
  inputData: Record<string, unknown>,
  fields: Field[],
  timezone: string,
) => Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolveInputDataTypes: Resolve = require('zapier-platform-cli/src/oclif/commands/invoke/input-types');

/** Zapier's default timezone for datetime fields (the CLI's `--timezone` default). */
export const ZAPIER_TIMEZONE = 'America/Chicago';

/**
 * What perform receives for `inputData` typed by the user into `fields`. Zapier's editor hands every
 * value over as text, so scalars are turned into text first (the CLI's parsers expect strings).
 */
export function coerceInput(
  inputData: Record<string, unknown>,
  fields: Field[],
  timezone = ZAPIER_TIMEZONE,
): Record<string, unknown> {
  const typed = new Map(fields.map((f) => [f.key, f]));
  const asText: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputData)) {
    const field = typed.get(key);
    const scalar = value !== null && value !== undefined && typeof value !== 'object';
    asText[key] = field?.type && field.type !== 'string' && scalar ? String(value) : value;
    if (field && (value === null || value === undefined)) delete asText[key];
  }
  return resolveInputDataTypes(structuredClone(asText), fields, timezone);
}

/** The static input fields of an operation (dynamic fields, given as functions, are skipped). */
export function staticFields(inputFields: unknown): Field[] {
  return Array.isArray(inputFields)
    ? inputFields.filter((f): f is Field => !!f && typeof f === 'object')
    : [];
}

const GROUPS = ['creates', 'searches', 'triggers'] as const;
type Dict = Record<string, unknown>;
type Operation = { operation?: { perform?: unknown; inputFields?: unknown } };

/** Each `perform` function of `app` → its operation's static input fields (found by reference, as core does). */
const performFields = new WeakMap<object, Map<unknown, Field[]>>();

function fieldsByPerform(app: object): Map<unknown, Field[]> {
  let found = performFields.get(app);
  if (!found) {
    found = new Map();
    for (const group of GROUPS)
      for (const op of Object.values(((app as Dict)[group] ?? {}) as Record<string, Operation>))
        if (typeof op?.operation?.perform === 'function')
          found.set(op.operation.perform, staticFields(op.operation.inputFields));
    performFields.set(app, found);
  }
  return found;
}

const PERFORM = /^(creates|searches|triggers)\.([^.]+)\.operation\.perform$/;

/**
 * What a `perform` of `app` receives for `inputData`: coerced by its operation's static input fields.
 * Any other method (performList, subscribe, auth test, a spec's own step…) gets `inputData` unchanged.
 */
export function coercedFor(app: object, method: unknown, inputData: Dict, timezone = ZAPIER_TIMEZONE): Dict {
  let fields: Field[] | undefined;
  if (typeof method === 'string') {
    const match = PERFORM.exec(method);
    const op = match
      ? ((app as Dict)[match[1]] as Record<string, Operation> | undefined)?.[match[2]]
      : undefined;
    fields = match ? staticFields(op?.operation?.inputFields) : undefined;
  } else fields = fieldsByPerform(app).get(method);
  return fields ? coerceInput(inputData, fields, timezone) : inputData;
}

/** A bundle as Zapier hands it to perform: inputData coerced, `inputDataRaw` keeping what was typed. */
export function coercedBundle<B extends { inputData?: unknown; inputDataRaw?: unknown }>(
  app: object,
  method: unknown,
  bundle: B,
  timezone = ZAPIER_TIMEZONE,
): B {
  const raw = (bundle.inputData ?? {}) as Dict;
  const inputData = coercedFor(app, method, raw, timezone);
  return inputData === raw ? bundle : { ...bundle, inputData, inputDataRaw: bundle.inputDataRaw ?? raw };
}

export type { Bundle };
