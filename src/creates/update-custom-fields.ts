/**
 * Update Custom Fields on a unit rental, a customer or a unit (e.g. an access code written back by a
 * gate system: L, `PUT units/{id} { customFields }`).
 *
 * The fields are loaded as dynamic input fields from the business's custom-field definitions
 * (A: `customFieldDefinitions()`, `customFieldKind()`, `customFieldChoices()` in the client);
 * "Custom Fields (by Code)" is always there too, so a business whose settings expose no
 * definitions (or a field not listed) can still be updated.
 * Values are converted to the definition's type (number, yes/no, date). The current values are
 * read first and merged, so a `PUT` that replaces `customFields` as a whole cannot wipe the others;
 * when nothing would change nothing is written (a replay writes nothing).
 */
import {
  defineCreate,
  defineInputFields,
  type Bundle,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import {
  customFieldChoices,
  customFieldDefinitions,
  customFieldKind,
  getSettings,
  getUnit,
  getUnitRental,
  getUser,
  updateUnit,
  updateUnitRental,
  updateUser,
  type CustomFieldTarget,
} from '../client';
import { date, invalidInput, number, requiredText, strictBool } from '../read-input';
import { customerOutput, unitOutput, unitRentalOutput } from '../records/outputs';
import { localisedText } from '../localised';
import { samples } from '../records/samples';
import type { CustomFieldDefinition, SgRecord } from '../types';

export const RECORD_TYPES = { unitRental: 'Unit Rental', customer: 'Customer', unit: 'Unit' } as const;
type RecordType = keyof typeof RECORD_TYPES;
const SETTINGS_TARGET: Record<RecordType, CustomFieldTarget> = {
  unitRental: 'unitRental',
  customer: 'user',
  unit: 'unit',
};
const settingsTarget = (t: RecordType) => SETTINGS_TARGET[t];

type Output =
  ReturnType<typeof unitRentalOutput> | ReturnType<typeof customerOutput> | ReturnType<typeof unitOutput>;
interface Store {
  read(
    z: ZObject,
    bundle: Bundle,
    id: string,
  ): Promise<SgRecord & { customFields?: Record<string, unknown> }>;
  write(z: ZObject, bundle: Bundle, id: string, customFields: Record<string, unknown>): Promise<unknown>;
  // method syntax: each store's output takes its own record type
  output(record: SgRecord): Output;
}

/** Where each record type's custom fields are read and written, and how the record is handed on. */
const STORES: Record<RecordType, Store> = {
  unitRental: {
    read: getUnitRental,
    write: (z, bundle, id, customFields) => updateUnitRental(z, bundle, id, { customFields }),
    output: unitRentalOutput,
  },
  customer: {
    read: getUser,
    write: (z, bundle, id, customFields) => updateUser(z, bundle, id, { customFields }),
    output: customerOutput,
  },
  unit: {
    read: getUnit,
    write: (z, bundle, id, customFields) => updateUnit(z, bundle, id, { customFields }),
    output: unitOutput,
  },
};

/** Input keys for definitions: `cf_<code>`, or `cfx_<hex>` for codes with other characters. */
export const fieldKey = (code: string) =>
  /^[A-Za-z0-9_]+$/.test(code) ? `cf_${code}` : `cfx_${Buffer.from(code, 'utf8').toString('hex')}`;
export function codeOfKey(key: string): string | undefined {
  if (key.startsWith('cf_')) return key.slice(3);
  if (key.startsWith('cfx_')) return Buffer.from(key.slice(4), 'hex').toString('utf8');
  return undefined;
}

function choicesOf(def: CustomFieldDefinition): Record<string, string> | undefined {
  const list = customFieldChoices(def);
  if (list.length === 0) return undefined;
  return Object.fromEntries(list.map((c) => [c.value, localisedText(c.title) ?? c.value]));
}

export function definitionField(def: CustomFieldDefinition): PlainInputField {
  const title = localisedText(def.title)?.trim() || def.code;
  const k = customFieldKind(def);
  const choices = choicesOf(def);
  return {
    key: fieldKey(def.code),
    label: title,
    helpText: `Custom field \`${def.code}\`. Leave empty to keep the current value.`,
    // No `number`/`datetime`/`boolean` types: Zapier would coerce "abc" to 0, unreadable dates to now
    // and "maybe" to true before convert() could refuse them; yes/no is offered as a dropdown instead.
    ...(k === 'boolean' && !choices ? { choices: { true: 'Yes', false: 'No' } } : {}),
    ...(choices ? { choices } : {}),
  };
}

const recordType = (value: unknown): RecordType | undefined =>
  typeof value === 'string' && Object.hasOwn(RECORD_TYPES, value) ? (value as RecordType) : undefined;

const definitionFields = async (z: ZObject, bundle: Bundle) => {
  const type = recordType(bundle.inputData.recordType);
  if (!type) return [];
  return customFieldDefinitions(await getSettings(z, bundle), settingsTarget(type)).map(definitionField);
};

const inputFields = defineInputFields([
  {
    key: 'recordType',
    label: 'Record Type',
    required: true,
    choices: RECORD_TYPES,
    altersDynamicFields: true,
    helpText: 'Whose custom fields to update.',
  },
  {
    key: 'recordId',
    label: 'Record',
    required: true,
    dynamic: 'custom_field_record_list.id.label',
    helpText:
      'Pick the unit rental, customer or unit (choose Record Type first), or map its ID from a trigger or a Find step.',
  },
  definitionFields,
  {
    key: 'customFields',
    label: 'Custom Fields (by Code)',
    dict: true,
    helpText:
      'Any custom field by its code, e.g. `gate_code` → `4821`. For fields not listed above, or when your settings list none.',
  },
]);

/** A mapped value in the definition's type; empty text means "leave as it is" (undefined). */
function convert(z: ZObject, raw: unknown, def: CustomFieldDefinition | undefined, label: string): unknown {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const k = customFieldKind(def);
  if (k === 'number') return number(z, raw, label);
  if (k === 'boolean') return strictBool(z, raw, label);
  if (k === 'date') return date(z, raw, label);
  return typeof raw === 'string' ? raw.trim() : raw;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export default defineCreate({
  key: 'update_custom_fields',
  noun: 'Custom Fields',
  display: {
    label: 'Update Custom Fields',
    description:
      'Updates custom fields on a unit rental, a customer or a unit, leaving the other custom fields as they are.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const type = recordType(input.recordType);
      if (!type)
        throw invalidInput(z, `Record Type must be one of: ${Object.keys(RECORD_TYPES).join(', ')}.`);
      const id = requiredText(z, input.recordId, 'Record ID');

      const raw: Array<[string, unknown]> = [];
      for (const [key, value] of Object.entries(input)) {
        const code = codeOfKey(key);
        if (code) raw.push([code, value]);
      }
      const dict = input.customFields;
      if (dict && typeof dict === 'object') {
        for (const [k, v] of Object.entries(dict)) raw.push([k.trim(), v]);
      }
      if (!raw.some(([, v]) => v !== undefined && v !== null && String(v).trim() !== '')) {
        throw invalidInput(z, 'Fill in at least one custom field to update.');
      }

      const defs = customFieldDefinitions(await getSettings(z, bundle), settingsTarget(type));
      const changes: Record<string, unknown> = {};
      for (const [code, value] of raw) {
        const def = defs.find((d) => d.code === code);
        const converted = convert(z, value, def, localisedText(def?.title)?.trim() || code);
        if (converted !== undefined && code) changes[code] = converted;
      }

      // read first: a PUT replaces customFields as a whole, and a replay must write nothing
      const store = STORES[type];
      const before = await store.read(z, bundle, id);
      const current = before.customFields ?? {};
      if (Object.entries(changes).every(([k, v]) => same(current[k], v))) return store.output(before);
      await store.write(z, bundle, id, { ...current, ...changes });
      return store.output(await store.read(z, bundle, id));
    },
    // The record written (unit rental, customer or unit) comes back whole; only its id is common to all.
    outputFields: [{ key: 'id', label: 'Record ID' }],
    sample: samples.unitRental,
  },
});
