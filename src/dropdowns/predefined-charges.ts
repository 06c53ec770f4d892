/** Hidden trigger behind the "Predefined Charge" dropdown: "Padlock (12.50)", keyed by charge code. */
import { defineTrigger } from 'zapier-platform-core';
import { getSettings, predefinedCharges } from '../client';
import { localisedText } from '../plain';
import type { PredefinedCharge } from '../types';

export const formatAmount = (amount: unknown) =>
  typeof amount === 'number' && Number.isFinite(amount) ? amount.toFixed(2) : undefined;

export function predefinedChargeLabel(charge: PredefinedCharge): string {
  const title = localisedText(charge.title)?.trim() || charge.code;
  const amount = formatAmount(charge.amount);
  return amount ? `${title} (${amount})` : title;
}

export default defineTrigger({
  key: 'predefined_charge_list',
  noun: 'Predefined Charge',
  display: { label: 'List Predefined Charges', description: 'Lists the business\'s predefined charges for dropdowns.', hidden: true },
  operation: {
    perform: async (z, bundle) =>
      predefinedCharges(await getSettings(z, bundle)).map((charge) => ({ id: charge.code, label: predefinedChargeLabel(charge) })),
    sample: { id: 'padlock', label: 'Padlock (12.50)' },
  },
});
