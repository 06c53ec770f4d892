/** Users (customers): look-up by e-mail (L), creation (C; announces `user.created`). */
import type { Rec } from '../seed';
import { clone, HttpError, ok, pick, requireObject } from '../http';
import type { Api, Routes } from './context';

function userByEmail(api: Api, email: string): Rec {
  const wanted = email.trim().toLowerCase();
  const user = api.store.data.users.find((u) => String(u.email ?? '').toLowerCase() === wanted);
  if (!user) throw new HttpError(404, `User ${email} not found`);
  return user;
}

function createUser(api: Api, body: Record<string, unknown>): Rec {
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new HttpError(400, '"email" must be an e-mail address');
  if (api.store.data.users.some((u) => String(u.email).toLowerCase() === email.toLowerCase())) {
    throw new HttpError(409, `A user with e-mail ${email} already exists`);
  }
  const fields = pick(body, ['firstName', 'lastName', 'phone', 'companyName', 'customFields']);
  const user = api.store.insert('users', { roles: ['customer'], customFields: {}, ...fields, email });
  void api.emit('user.created', { userId: user.id });
  return clone(user);
}

export const userRoutes: Routes = (api, { method, parts: [resource, id, sub], query, body }) => {
  if (resource !== 'users' || sub) return undefined;
  if (!id && method === 'POST') return ok(createUser(api, requireObject(body)), 201);
  if (id?.includes('@') && method === 'GET') {
    return ok(api.store.expand('users', userByEmail(api, id), api.store.includes('users', query, false)));
  }
  return undefined;
};
