/**
 * Custom fields under the business's own names. A record's `customFields` are keyed by code
 * (`gate_pin`), so the Zap editor would show `customer__customFields__gate_pin` as "Customer Custom
 * Fields Gate Pin". The business's settings title each one (`{ code: "gate_pin", title: { en: "Gate
 * PIN" } }`; where settings keep them is A, see the README's API assumptions), so a dynamic output
 * field labels it "Customer Gate PIN".
 *
 * Which definitions title which kind is a column of the kinds table (`customFields`). A definition
 * without a title is labelled by its code ("Customer Custom Field gate_pin"), and so is a title that is
 * also one of the record's own labels ("Customer Custom Field Email", not a second "Customer Email").
 *
 * Settings that cannot be read (any error) add nothing, and the field call never fails: the only codes
 * known without them are those of the app's own static samples, which are not the business's, and a
 * label for a field the business does not have would offer users a field that is always empty. Zapier
 * then shows the custom fields of the sample or of a live record under their keys, as it would without
 * this.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { customFieldDefinitions, settingsOfRun } from '../client';
import { localisedText } from '../localised';
import type { Settings } from '../types';
import { type KindKey, kindOf, type OutputField, RECORD_KINDS } from './kinds';

/** A record an operation hands on: its kind, its output key ("" = at the top level), its label prefix. */
export interface HandedOn {
  kind: KindKey;
  key: string;
  /** What its labels start with; the kind's noun by default ("New Unit Rental" for a transfer's new rental). */
  label?: string;
}

/** An item of `outputFields` that core calls with the run's `z` and `bundle`. */
export type DynamicOutputFields = (z: ZObject, bundle: Bundle) => Promise<OutputField[]>;

/**
 * The custom fields of a record of `kind` handed on under `outputKey`, labelled "<prefix> <title>" from
 * these settings: `{ key: "<outputKey>__customFields__<code>", label }` (`customFields__<code>` at the
 * top level). Nothing for a kind whose custom fields no settings define (jobs).
 */
export function customFieldFields(
  settings: Settings,
  kind: KindKey,
  outputKey: string,
  prefix: string = RECORD_KINDS[kind].noun,
): OutputField[] {
  const row = kindOf(kind);
  if (!row.customFields) return [];
  const own = new Set(Object.values(row.fields).map((label) => label.toLowerCase()));
  const fields = new Map<string, OutputField>();
  for (const def of customFieldDefinitions(settings, row.customFields)) {
    const key = `${outputKey ? `${outputKey}__` : ''}customFields__${def.code}`;
    const title = localisedText(def.title)?.replace(/\s+/g, ' ').trim();
    const label = !title
      ? `Custom Field ${def.code}`
      : own.has(title.toLowerCase())
        ? `Custom Field ${title}`
        : title;
    if (!fields.has(key)) fields.set(key, { key, label: `${prefix} ${label}` });
  }
  return [...fields.values()];
}

/**
 * One `outputFields` item labelling the custom fields of every record an operation hands on (a list, or
 * what the step's input makes it: New Event's chosen type). The settings are read once per run, and not
 * at all when none of the records has titled custom fields.
 */
export function customFieldOutputFieldsOf(
  records: readonly HandedOn[] | ((bundle: Bundle) => readonly HandedOn[]),
): DynamicOutputFields {
  return async (z, bundle) => {
    const handedOn = (typeof records === 'function' ? records(bundle) : records).filter(
      (record) => kindOf(record.kind).customFields,
    );
    if (!handedOn.length) return [];
    const settings = await settingsOfRun(z, bundle);
    if (!settings) return [];
    return handedOn.flatMap((record) => customFieldFields(settings, record.kind, record.key, record.label));
  };
}

/**
 * The `outputFields` item for one record of `kind` handed on under `outputKey` ("" = at the top level),
 * labelled with `prefix` (the kind's noun by default), as `outputFieldsFor(kind, outputKey, prefix)`
 * labels its other fields:
 *
 *   outputFields: [...outputFieldsFor('invoice', 'invoice'), customFieldOutputFields('invoice', 'invoice')]
 */
export const customFieldOutputFields = (
  kind: KindKey,
  outputKey: string,
  prefix?: string,
): DynamicOutputFields => customFieldOutputFieldsOf([{ kind, key: outputKey, label: prefix }]);
