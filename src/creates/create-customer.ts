/**
 * Create Customer (C: `POST users`). Also the "create" half of Find or Create Customer.
 * Replay-safe: Storeganise customers are unique by e-mail, so an existing customer with the e-mail
 * is returned (duplicateSkipped: true) instead of failing or creating a second account.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { createUser, findUserByEmail, getUser } from '../client';
import { CUSTOMER_FIELD_KEYS, customerFields, skipDuplicatesField } from '../input-fields';
import { bool, invalidInput, looksLikeEmail, requiredText, text } from '../read-input';
import { customerOutput } from '../records/outputs';
import { samples } from '../records/samples';
import { oneAtATime } from '../write-lock';
import type { User } from '../types';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([
  ...customerFields('create'),
  {
    ...skipDuplicatesField('customer'),
    label: 'Return Existing Customer With This Email',
    helpText:
      'When on, a customer who already has this e-mail is returned (duplicateSkipped: true) instead of the step failing. Safe for Zapier replays.',
  },
]);

export default defineCreate({
  key: 'create_customer',
  noun: 'Customer',
  display: {
    label: 'Create Customer',
    description: 'Creates a customer account; the e-mail address is their login.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const email = requiredText(z, input.email, 'Email');
      if (!looksLikeEmail(email)) throw invalidInput(z, `"${email}" is not an e-mail address.`);
      const skip = bool(input.skipDuplicates, true);
      const write = async () => {
        if (skip) {
          const existing = await findUserByEmail(z, bundle, email);
          if (existing) return { ...customerOutput(existing), duplicateSkipped: true };
        }
        const user: Partial<User> = { email };
        for (const key of CUSTOMER_FIELD_KEYS) {
          const value = text(input[key]);
          if (value && key !== 'email') user[key] = value;
        }
        const created = await createUser(z, bundle, user);
        return { ...customerOutput(await getUser(z, bundle, created.id)), duplicateSkipped: false };
      };
      // one account per e-mail: two runs creating the same e-mail at once must not both create it
      const identity = { email: email.toLowerCase() };
      return skip ? oneAtATime(z, bundle, 'create_customer', 'customer', identity, write) : write();
    },
    outputFields: outputFieldsFor('customer', ''),
    sample: { ...samples.customer, duplicateSkipped: false },
  },
});
