/** Users (customers). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { User } from '../types';

export const getUser = (z: ZObject, bundle: Bundle, id: string) =>
  must<User>(z, bundle, { path: ['users', id], params: { include: INCLUDE.user }, what: `Customer ${id}` });

/** Id or e-mail: L, `GET users/{urlencoded email}` answers 404 when absent. */
export const findUser = (z: ZObject, bundle: Bundle, idOrEmail: string) =>
  sgRequest<User>(z, bundle, {
    path: ['users', idOrEmail],
    params: { include: INCLUDE.user },
    what: `Customer ${idOrEmail}`,
    allowNotFound: true,
  });

/**
 * The customer with this e-mail, or null. Looked up lower-case (L: `GET users/{e-mail}`), and the
 * answer must really carry that e-mail: a look-up that matched something else is no match.
 */
export async function findUserByEmail(z: ZObject, bundle: Bundle, email: string): Promise<User | null> {
  const wanted = email.trim().toLowerCase();
  const user = await findUser(z, bundle, wanted);
  return user && user.email?.trim().toLowerCase() === wanted ? user : null;
}

export const listUsers = (z: ZObject, bundle: Bundle, filter: { updatedAfter?: string }, max: number) =>
  listAll<User>(z, bundle, ['users'], filter, max);

export const createUser = (z: ZObject, bundle: Bundle, user: Partial<User>) =>
  must<User>(z, bundle, { method: 'POST', path: ['users'], body: user, what: 'Creating a customer' });

export const updateUser = (z: ZObject, bundle: Bundle, id: string, patch: Partial<User>) =>
  must<User>(z, bundle, { method: 'PUT', path: ['users', id], body: patch, what: `Customer ${id}` });

