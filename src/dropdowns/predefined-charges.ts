/**
 * Hidden trigger behind the "Predefined Charge" dropdown: "Padlock (12.50)", keyed by the charge's id
 * (its code when it has no id): the action sends the id as the new charge's `sourceId`.
 */
import { defineTrigger } from 'zapier-platform-core';
import { getSettings, predefinedCharges } from '../client';
import { localisedText } from '../localised';
import type { PredefinedCharge } from '../types';

export const formatAmount = (amount: unknown) =>
  typeof amount === 'number' && Number.isFinite(amount) ? amount.toFixed(2) : undefined;

export function predefinedChargeLabel(charge: PredefinedCharge): string {
  const title = localisedText(charge.title)?.trim() || charge.code || charge.id || 'Predefined charge';
  const amount = formatAmount(charge.amount);
  return amount ? `${title} (${amount})` : title;
}

export default defineTrigger({
  key: 'predefined_charge_list',
  noun: 'Predefined Charge',
  display: {
    label: 'List Predefined Charges',
    description: "Lists the business's predefined charges for dropdowns.",
    hidden: true,
  },
  operation: {
    perform: async (z, bundle) =>
      predefinedCharges(await getSettings(z, bundle)).map((charge) => ({
        id: charge.id ?? charge.code,
        label: predefinedChargeLabel(charge),
      })),
    sample: { id: '627a0a17afcd8f00041104b9', label: 'Padlock (12.50)' },
  },
});
