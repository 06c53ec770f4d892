/**
 * Hidden trigger behind the "Customer" dropdowns: "Jane Doe <jane.doe@example.com>" (a company name
 * when there is no person's name, the e-mail alone when there is neither). Paged, 100 a page.
 */
import { defineTrigger } from 'zapier-platform-core';
import { usersPage } from '../client';
import { fullName } from '../records/outputs';
import type { User } from '../types';

export const PAGE = 100;

export function customerLabel(user: User): string {
  const name = fullName(user);
  if (name && user.email) return `${name} <${user.email}>`;
  return name ?? user.email ?? `Customer ${user.id}`;
}

export default defineTrigger({
  key: 'customer_list',
  noun: 'Customer',
  display: { label: 'List Customers', description: 'Lists customers for dropdowns.', hidden: true },
  operation: {
    canPaginate: true,
    perform: async (z, bundle) => {
      const page = Number(bundle.meta?.page ?? 0) || 0;
      const users = await usersPage(z, bundle, { offset: page * PAGE, limit: PAGE });
      return users.map((user) => ({ id: user.id, label: customerLabel(user) }));
    },
    sample: { id: '64f1c2a9e3b7d10012a4c301', label: 'Jane Doe <jane.doe@example.com>' },
  },
});
