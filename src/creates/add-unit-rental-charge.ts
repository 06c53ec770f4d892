/**
 * Add Custom Charge to Unit Rental: a predefined charge from the business settings, or a free
 * description + amount (negative = discount); one-off or recurring (no end date).
 *
 * Duplicate-safe: Zapier may replay a step, so the rental's charges are read first and an identical
 * charge (same title, amount, quantity, start and end date) is returned instead of adding another.
 * Adding the charge itself is the A-level `addUnitRentalCharge()` in the client (README table).
 * Output: the whole unit rental after the change (as a trigger hands it on) + `charge` + `duplicateSkipped`.
 */
import { defineCreate, defineInputFields, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  addUnitRentalCharge,
  findPredefinedCharge,
  getSettings,
  getUnitRental,
  predefinedCharges,
} from '../client';
import { dayOf } from '../dates';
import { skipDuplicatesField, unitRentalIdField } from '../input-fields';
import {
  AMOUNT_FORMATS,
  bool,
  DATE_FORMATS,
  date,
  invalidInput,
  number,
  requiredText,
  text,
} from '../read-input';
import { unitRentalOutput } from '../records/outputs';
import { localisedText, plain } from '../localised';
import { predefinedChargeLabel } from '../dropdowns/predefined-charges';
import { samples } from '../records/samples';
import { oneAtATime } from '../write-lock';
import type { Charge, Localised, PredefinedCharge, UnitRental } from '../types';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([
  unitRentalIdField,
  {
    key: 'predefinedChargeCode',
    label: 'Predefined Charge',
    dynamic: 'predefined_charge_list.id.label',
    helpText:
      'A charge set up in your Storeganise settings. Leave empty to use Description and Amount instead.',
  },
  {
    key: 'description',
    label: 'Description',
    helpText:
      'What the charge is for, as the customer sees it on invoices, e.g. "Late payment fee". Overrides the predefined charge\'s title.',
  },
  {
    // Text, not `number`: Zapier reads a number field's "abc" as 0 and "12,50" as 12 before perform
    // runs; as text the app reads 12.50, 12,50, 1.234,50, £12.50 itself and refuses the rest.
    key: 'amount',
    label: 'Amount',
    helpText:
      `Price per unit in the business currency, e.g. 12.50 or 12,50 (${AMOUNT_FORMATS}). Negative for a discount; ` +
      "0 and text that is not a number are refused. Overrides the predefined charge's amount.",
  },
  {
    key: 'quantity',
    label: 'Quantity',
    default: '1',
    helpText: 'How many, more than 0, e.g. 1 or 2,5; the invoice line is quantity × amount.',
  },
  {
    // Text, not `datetime`: Zapier turns text it cannot read into *now* and 01/02/2026 into January 2.
    key: 'startDate',
    label: 'Start Date',
    required: true,
    helpText: `When the charge starts: ${DATE_FORMATS}.`,
  },
  {
    key: 'endDate',
    label: 'End Date',
    helpText:
      'Leave empty for a recurring charge (every billing period). Same as the start date for a one-off charge.',
  },
  {
    key: 'accountingCode',
    label: 'Accounting Code',
    helpText:
      "The ID of an accounting code from your Storeganise settings. Defaults to the predefined charge's code.",
  },
  skipDuplicatesField('charge'),
]);

type ChargeInput = Omit<Charge, 'id'>;

const norm = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase();

/** Same title, amount, quantity, start and end date: the same charge. */
export function sameCharge(a: ChargeInput | Charge, b: ChargeInput | Charge): boolean {
  return (
    norm(localisedText(a.title)) === norm(localisedText(b.title)) &&
    Number(a.amount) === Number(b.amount) &&
    Number(a.qty ?? 1) === Number(b.qty ?? 1) &&
    dayOf(a.startDate) === dayOf(b.startDate) &&
    dayOf(a.endDate) === dayOf(b.endDate)
  );
}

export function chargeOutput(rental: UnitRental, charge: Charge, duplicateSkipped: boolean) {
  return { ...unitRentalOutput(rental), charge: plain(charge), duplicateSkipped };
}

async function predefined(z: ZObject, bundle: Bundle, code: string): Promise<PredefinedCharge> {
  const all = predefinedCharges(await getSettings(z, bundle));
  const found = findPredefinedCharge(all, code);
  if (found) return found;
  const known = all.map(predefinedChargeLabel).join(', ');
  throw invalidInput(
    z,
    `There is no predefined charge "${code}" in your Storeganise settings.${known ? ` Available: ${known}.` : ' None are set up.'}`,
  );
}

export default defineCreate({
  key: 'add_unit_rental_charge',
  noun: 'Charge',
  display: {
    label: 'Add Custom Charge to Unit Rental',
    description:
      'Adds a one-off or recurring charge (or a discount) to a unit rental, from a predefined charge or your own description and amount.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const rentalId = requiredText(z, input.unitRentalId, 'Unit Rental');
      const code = text(input.predefinedChargeCode);
      const description = text(input.description);
      const amount = number(z, input.amount, 'Amount');
      const qty = number(z, input.quantity, 'Quantity') ?? 1;
      const startDate = date(z, input.startDate, 'Start Date');
      const endDate = date(z, input.endDate, 'End Date') ?? null;
      if (!startDate) throw invalidInput(z, 'Start Date is required.');
      if (qty <= 0) throw invalidInput(z, 'Quantity must be more than 0.');
      if (endDate && endDate < startDate)
        throw invalidInput(z, `End Date ${endDate} is before Start Date ${startDate}.`);
      if (!code && (!description || amount === undefined)) {
        throw invalidInput(z, 'Pick a Predefined Charge, or fill in both Description and Amount.');
      }

      const base = code ? await predefined(z, bundle, code) : undefined;
      const title: Localised | undefined = description ? { en: description } : (base?.title ?? base?.code);
      const chargeAmount = amount ?? base?.amount;
      if (typeof chargeAmount !== 'number')
        throw invalidInput(z, `The predefined charge "${code}" has no amount; fill in Amount.`);
      if (chargeAmount === 0)
        throw invalidInput(
          z,
          'Amount must not be 0: a charge of 0 changes nothing. Use a negative amount for a discount.',
        );
      const accountingCodeId = text(input.accountingCode) ?? base?.accountingCodeId ?? undefined;
      const charge: ChargeInput = {
        title,
        amount: chargeAmount,
        qty,
        startDate,
        endDate,
        ...(accountingCodeId ? { accountingCodeId } : {}),
        ...(base?.code ? { code: base.code } : {}),
        // L: a charge made from a predefined charge names it, as the portal's own charges do
        ...(base?.id ? { sourceType: 'preset', sourceId: base.id } : {}),
      };

      const skip = bool(input.skipDuplicates, true);
      const write = async () => {
        const rental = await getUnitRental(z, bundle, rentalId);
        if (skip) {
          const existing = (rental.charges ?? []).find((c) => sameCharge(c, charge));
          if (existing) return chargeOutput(rental, existing, true);
        }
        const created = await addUnitRentalCharge(z, bundle, rentalId, charge);
        return chargeOutput(await getUnitRental(z, bundle, rentalId), created, false);
      };
      // identical charges at the same moment (a replay while the first run works): one writes, the rest find it
      return skip
        ? oneAtATime(z, bundle, 'add_unit_rental_charge', 'charge', { rentalId, charge }, write)
        : write();
    },
    outputFields: outputFieldsFor('unitRental', ''),
    sample: { ...samples.unitRental, charge: samples.unitRental.charges![0], duplicateSkipped: false },
  },
});
