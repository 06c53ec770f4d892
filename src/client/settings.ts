/** Business settings: name, predefined charges, custom field definitions (mostly A-level shapes). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errorFields } from './errors';
import { must } from './http';
import { localisedText } from '../localised';
import type { CustomFieldDefinition, PredefinedCharge, Settings } from '../types';

export const getSettings = (z: ZObject, bundle: Bundle) =>
  must<Settings>(z, bundle, { path: ['settings'], what: 'Reading the business settings' });

const settingsPerRun = new WeakMap<object, Promise<Settings | null>>();

/**
 * The business settings for what only decorates an output (an invoice's currency, custom field
 * titles): read at most once per run (core hands every function of one run the same bundle), so an
 * invoice read beside them and the output fields that label its custom fields share one request. Null
 * when they cannot be read, whatever the reason (a key whose role may not read settings, a 5xx): the
 * record is still handed on, without what they would have added.
 */
export function settingsOfRun(z: ZObject, bundle: Bundle): Promise<Settings | null> {
  let settings = settingsPerRun.get(bundle);
  if (!settings) {
    settings = getSettings(z, bundle).catch((err: unknown) => {
      z.console.log(
        `The business settings could not be read (${errorFields(err).message}); ` +
          'invoice currencies and custom field titles are left out.',
      );
      return null;
    });
    settingsPerRun.set(bundle, settings);
  }
  return settings;
}

/**
 * L: the business's currency as an ISO 4217 code, settings `currencyCode` ("USD" in a real trial
 * business, whose `currency` is the symbol "$"; test/fixtures/real/settings.json). Invoices carry none.
 */
export function businessCurrency(settings: Settings | null): string | null {
  const code = typeof settings?.currencyCode === 'string' ? settings.currencyCode.trim().toUpperCase() : '';
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/**
 * A: where the business's display name sits in settings, first found wins: `brandName` (a generated
 * client reads it), `companyName` (the settings of a real trial business carry it, see
 * test/fixtures/real), `name`, `brand.name`. Each may be localised (`{ en: … }`). The code stands in
 * when none is present.
 */
export function businessName(settings: Settings, code: string): string {
  const brand = settings.brand as { name?: unknown } | undefined;
  for (const candidate of [settings.brandName, settings.companyName, settings.name, brand?.name]) {
    const name = localisedText(candidate)?.trim();
    if (name) return name;
  }
  return code;
}

/**
 * A: predefined charges live in settings as `charges: [{ id, code, title, amount, accountingCodeId }]`.
 * Each keeps its `id`: a charge made from one is sent with `sourceType: "preset"`, `sourceId: id`.
 */
export function predefinedCharges(settings: Settings): PredefinedCharge[] {
  const list = settings.charges;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (c): c is PredefinedCharge =>
      !!c && typeof c === 'object' && (typeof c.code === 'string' || typeof c.id === 'string'),
  );
}

/** The predefined charge a dropdown value names: its id, or its code (older Zaps, mapped values). */
export function findPredefinedCharge(
  charges: PredefinedCharge[],
  value: string,
): PredefinedCharge | undefined {
  return charges.find((c) => c.id === value) ?? charges.find((c) => c.code === value);
}

/**
 * A: custom field definitions live in settings as `{ <target>CustomFields: [{ code, title, type }] }`
 * (`unitRentalCustomFields`, `userCustomFields`, `unitCustomFields`): the records Update Custom Fields
 * writes to.
 */
export type CustomFieldTarget = 'unitRental' | 'user' | 'unit';
/**
 * Every model whose custom fields are titled in settings: the targets above, and invoices and sites,
 * which have definitions too (docs/storeganise-api.md, L/A) and are read under the same pattern
 * (`invoiceCustomFields`, `siteCustomFields`; A), only to label what is handed on.
 */
export type CustomFieldModel = CustomFieldTarget | 'invoice' | 'site';
export function customFieldDefinitions(
  settings: Settings,
  target: CustomFieldModel,
): CustomFieldDefinition[] {
  const list = settings[`${target}CustomFields`];
  return Array.isArray(list)
    ? list.filter((f): f is CustomFieldDefinition => typeof f?.code === 'string' && f.code.trim() !== '')
    : [];
}

/**
 * A: what a custom field definition's `type` means, and where a select's options sit
 * (`options` or `choices`: strings or `{ value|code, title|label }`).
 */
export function customFieldKind(
  def: CustomFieldDefinition | undefined,
): 'number' | 'boolean' | 'date' | 'text' {
  const type = String(def?.type ?? '').toLowerCase();
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean' || type === 'checkbox') return 'boolean';
  if (type === 'date') return 'date';
  return 'text';
}

export function customFieldChoices(def: CustomFieldDefinition): Array<{ value: string; title: unknown }> {
  const list = def.options ?? def.choices;
  if (!Array.isArray(list)) return [];
  return list
    .map((o: unknown) => {
      if (typeof o === 'string') return { value: o, title: o };
      const opt = (o ?? {}) as { value?: unknown; code?: unknown; title?: unknown; label?: unknown };
      const value = String(opt.value ?? opt.code ?? '');
      return { value, title: opt.title ?? opt.label ?? value };
    })
    .filter((c) => c.value);
}
