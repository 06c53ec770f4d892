/**
 * Find Customer: by e-mail (L: `GET users/{e-mail}`) or by id. Pairs with Create Customer as
 * "Find or Create Customer" (both use the `email` key, so Zapier carries the e-mail across).
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findUser, findUserByEmail } from '../client';
import { invalidInput, looksLikeEmail, text } from '../fields';
import { customerOutput } from '../outputs';
import { samples } from '../samples';

const inputFields = defineInputFields([
  { key: 'email', label: 'Email', helpText: 'The customer\'s e-mail address (not case-sensitive). Fill in this or Customer ID.' },
  { key: 'customerId', label: 'Customer ID', helpText: 'The customer\'s Storeganise ID. Used when no e-mail is given.' },
]);

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: { label: 'Find Customer', description: 'Finds a customer by e-mail address or ID.' },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const email = text(bundle.inputData.email)?.toLowerCase(); // e-mails are looked up lower-case
      const id = text(bundle.inputData.customerId);
      if (email) {
        if (!looksLikeEmail(email)) throw invalidInput(z, `"${email}" is not an e-mail address.`);
        const user = await findUserByEmail(z, bundle, email);
        return user ? [customerOutput(user)] : [];
      }
      if (!id) throw invalidInput(z, 'Fill in the customer\'s Email or Customer ID.');
      const user = await findUser(z, bundle, id);
      return user ? [customerOutput(user)] : [];
    },
    sample: samples.customer,
  },
});
