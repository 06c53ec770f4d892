/**
 * Find Customer: by e-mail (L: `GET users/{e-mail}`, falling back to the user search), by id, or by
 * name or phone (L: `GET users?search=`). Pairs with Create Customer as "Find or Create Customer"
 * (both use the `email` key, so Zapier carries the e-mail across).
 *
 * A name or phone search only counts a customer whose whole name or whole phone number matches: the
 * API's search also returns partial matches, and a Zap that writes to "Jane Doerr" when asked for
 * "Jane Doe" does harm. The match is read again by id, so the output equals a trigger's customer.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findUser, findUserByEmail, searchUsers } from '../client';
import { findByField } from '../input-fields';
import { findWay, invalidInput, looksLikeEmail, text } from '../read-input';
import { customerOutput, fullName } from '../records/outputs';
import { samples } from '../records/samples';
import type { User } from '../types';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor } from '../records/kinds';

const WAYS = { email: 'Email', customerId: 'Customer ID', nameOrPhone: 'Name or Phone' } as const;

const inputFields = defineInputFields([
  findByField(WAYS, 'email', 'customer'),
  {
    key: 'email',
    label: 'Email',
    helpText: "With Find By Email: the customer's e-mail address (not case-sensitive).",
  },
  {
    key: 'customerId',
    label: 'Customer ID',
    helpText: "With Find By Customer ID: the customer's Storeganise ID.",
  },
  {
    key: 'nameOrPhone',
    label: 'Name or Phone',
    helpText:
      "With Find By Name or Phone: the customer's whole name (e.g. Jane Doe, not case-sensitive) or whole phone " +
      'number (spaces, dashes and a leading + are ignored).',
  },
]);

const words = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const digits = (s: unknown) => String(s ?? '').replace(/\D/g, '');

/** The whole name, or the whole phone number (at least 6 digits; a national number matches its international form). */
export function matchesNameOrPhone(user: User, term: string): boolean {
  const wanted = words(term);
  const names = [fullName(user), user.name, user.companyName].filter(
    (n): n is string => typeof n === 'string' && !!n.trim(),
  );
  if (names.some((n) => words(n) === wanted)) return true;
  const phone = digits(term);
  const theirs = digits(user.phone);
  if (phone.length < 6 || theirs.length < 6 || /[a-z]/i.test(term)) return false;
  const [shorter, longer] = phone.length <= theirs.length ? [phone, theirs] : [theirs, phone];
  return longer === shorter || (shorter.length >= 9 && longer.endsWith(shorter.replace(/^0/, '')));
}

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: {
    label: 'Find Customer',
    description: 'Finds a customer by e-mail address, ID, name or phone number.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const email = text(bundle.inputData.email)?.toLowerCase(); // e-mails are looked up lower-case
      const id = text(bundle.inputData.customerId);
      const term = text(bundle.inputData.nameOrPhone);
      const way = findWay(z, bundle.inputData.findBy, WAYS, {
        email: !!email,
        customerId: !!id,
        nameOrPhone: !!term,
      });
      if (!way) throw invalidInput(z, "Fill in the customer's Email, Customer ID, or Name or Phone.");
      if (way === 'email' && email) {
        if (!looksLikeEmail(email)) throw invalidInput(z, `"${email}" is not an e-mail address.`);
        const user = await findUserByEmail(z, bundle, email);
        return user ? [customerOutput(user)] : [];
      }
      if (way === 'customerId' && id) {
        const user = await findUser(z, bundle, id);
        return user ? [customerOutput(user)] : [];
      }
      if (!term) throw invalidInput(z, "Fill in the customer's Email, Customer ID, or Name or Phone.");
      if (term.length < 2)
        throw invalidInput(z, `Name or Phone must be at least 2 characters (got "${term}").`);
      const match = (await searchUsers(z, bundle, term)).find((u) => matchesNameOrPhone(u, term));
      if (!match) return [];
      const user = await findUser(z, bundle, match.id);
      return user ? [customerOutput(user)] : [];
    },
    outputFields: [...outputFieldsFor('customer', ''), customFieldOutputFields('customer', '')],
    sample: samples.customer,
  },
});
