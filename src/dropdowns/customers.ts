/**
 * Hidden trigger behind the "Customer" dropdowns: "Jane Doe <jane.doe@example.com>" (a company name
 * when there is no person's name, the e-mail alone when there is neither). Paged, 100 a page.
 */
import { pagedDropdown } from './paged';
import { usersPage } from '../client';
import { fullName } from '../records/outputs';
import type { User } from '../types';

export const PAGE = 100;

export function customerLabel(user: User): string {
  const name = fullName(user);
  if (name && user.email) return `${name} <${user.email}>`;
  return name ?? user.email ?? `Customer ${user.id}`;
}

export default pagedDropdown({
  key: 'customer_list',
  noun: 'Customer',
  lists: 'customers',
  pageSize: PAGE,
  page: (z, bundle, page) => usersPage(z, bundle, page),
  label: customerLabel,
  sample: { id: '64f1c2a9e3b7d10012a4c301', label: 'Jane Doe <jane.doe@example.com>' },
});
