/** Business settings: name, predefined charges, custom field definitions (mostly A-level shapes). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { CustomFieldDefinition, PredefinedCharge, Settings } from '../types';

export const getSettings = (z: ZObject, bundle: Bundle) =>
  must<Settings>(z, bundle, { path: ['settings'], what: 'Reading the business settings' });

/** A: where the business's display name sits in settings; the code stands in when absent. */
export function businessName(settings: Settings, code: string): string {
  const brand = settings.brand as { name?: unknown } | undefined;
  const name = settings.name ?? brand?.name;
  return typeof name === 'string' && name.trim() ? name.trim() : code;
}

/** A: predefined charges live in settings as `charges: [{ code, title, amount, accountingCodeId }]`. */
export function predefinedCharges(settings: Settings): PredefinedCharge[] {
  const list = settings.charges;
  return Array.isArray(list) ? list.filter((c): c is PredefinedCharge => typeof c?.code === 'string') : [];
}

/** A: custom field definitions live in settings as `{ <target>CustomFields: [{ code, title, type }] }`. */
export function customFieldDefinitions(settings: Settings, target: 'unitRental' | 'user'): CustomFieldDefinition[] {
  const list = settings[`${target}CustomFields`];
  return Array.isArray(list) ? list.filter((f): f is CustomFieldDefinition => typeof f?.code === 'string') : [];
}

/**
 * A: what a custom field definition's `type` means, and where a select's options sit
 * (`options` or `choices`: strings or `{ value|code, title|label }`).
 */
export function customFieldKind(def: CustomFieldDefinition | undefined): 'number' | 'boolean' | 'date' | 'text' {
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
