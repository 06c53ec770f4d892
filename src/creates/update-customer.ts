/**
 * Update Customer (C: `PUT users/{id}`): only the fields filled in are sent; empty fields keep
 * their value. Nothing is written when nothing would change (a replay writes nothing).
 * Output: the whole customer as a trigger hands it on.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { getUser, updateUser } from '../client';
import { CUSTOMER_FIELD_KEYS, customerFields, customerIdField } from '../input-fields';
import { invalidInput, looksLikeEmail, requiredText, text } from '../read-input';
import { customerOutput } from '../records/outputs';
import { samples } from '../records/samples';
import type { User } from '../types';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([customerIdField, ...customerFields('update')]);

export default defineCreate({
  key: 'update_customer',
  noun: 'Customer',
  display: {
    label: 'Update Customer',
    description: "Updates a customer's name, e-mail address, phone or company.",
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const id = requiredText(z, input.customerId, 'Customer ID');
      const patch: Partial<User> = {};
      for (const key of CUSTOMER_FIELD_KEYS) {
        const value = text(input[key]);
        if (value) patch[key] = value;
      }
      if (patch.email && !looksLikeEmail(patch.email))
        throw invalidInput(z, `"${patch.email}" is not an e-mail address.`);
      if (Object.keys(patch).length === 0) throw invalidInput(z, 'Fill in at least one field to change.');

      const before = await getUser(z, bundle, id);
      const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => before[k] !== v));
      if (Object.keys(changes).length === 0) return customerOutput(before);
      await updateUser(z, bundle, id, changes);
      return customerOutput(await getUser(z, bundle, id));
    },
    outputFields: outputFieldsFor('customer', ''),
    sample: samples.customer,
  },
});
