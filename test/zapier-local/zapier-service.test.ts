/**
 * The local cache service the suite runs on (zapier-local/zapier-service.ts) behaves as Zapier's store
 * does for the arguments core sends (ttl, scope, nx), reached by core's own RPC client from a real run;
 * core's own test mock ignores all three.
 */
import type { ZObject } from 'zapier-platform-core';
import { createZapierRuntime } from '../../zapier-local/runtime';
import { App, AUTH, appTester, permissiveAppTester } from '../helpers';

type Cache = {
  get: (key: string, scope?: string[]) => Promise<unknown>;
  set: (
    key: string,
    value: unknown,
    ttl?: number | null,
    scope?: string[] | null,
    nx?: boolean,
  ) => Promise<unknown>;
  delete: (key: string, scope?: string[]) => Promise<unknown>;
};
type Run = (z: ZObject & { cache: Cache }) => Promise<unknown>;
type Tester = (fn: unknown, bundle: object) => Promise<unknown>;

/** Runs `fn` as an ad-hoc step with the given connection, returning what it returned. */
const step = (tester: Tester, fn: Run, authData: object = AUTH) =>
  tester(async (z: ZObject) => ({ result: await fn(z as ZObject & { cache: Cache }) }), { authData }).then(
    (out) => (out as { result: unknown }).result,
  );

describe('z.cache on the local cache service', () => {
  const tester = () => createZapierRuntime(App);

  test('get answers what set stored, as JSON round-trips it; a missing key is null', async () => {
    const t = tester();
    expect(await step(t, (z) => z.cache.set('k', { n: 1, s: 'x' }))).toBe(true);
    expect(await step(t, (z) => z.cache.get('k'))).toEqual({ n: 1, s: 'x' });
    expect(await step(t, (z) => z.cache.get('other'))).toBeNull();
  });

  test('nx: a second set on a live key answers false and keeps the first value', async () => {
    const t = tester();
    expect(await step(t, (z) => z.cache.set('lock', 'first', 60, null, true))).toBe(true);
    expect(await step(t, (z) => z.cache.set('lock', 'second', 60, null, true))).toBe(false);
    expect(await step(t, (z) => z.cache.get('lock'))).toBe('first');
    expect(t.cache.calls.filter((c) => c.method === 'set').map((c) => c.result)).toEqual([true, false]);
  });

  test('nx: of many concurrent runs exactly one wins', async () => {
    const t = tester();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => step(t, (z) => z.cache.set('race', i, 30, ['auth'], true))),
    );
    expect(answers.filter((a) => a === true)).toHaveLength(1);
    expect(answers.filter((a) => a === false)).toHaveLength(4);
  });

  test('ttl: an entry is gone once its seconds have passed on the clock, and nx may then set again', async () => {
    const t = tester();
    await step(t, (z) => z.cache.set('k', 'v', 60, null, true));
    t.cache.clock.advance(59);
    expect(await step(t, (z) => z.cache.get('k'))).toBe('v');
    t.cache.clock.advance(1);
    expect(await step(t, (z) => z.cache.get('k'))).toBeNull();
    expect(await step(t, (z) => z.cache.set('k', 'again', 60, null, true))).toBe(true);
  });

  test("scope ['auth']: each connection has its own key; an unscoped get does not see it", async () => {
    const t = tester();
    const other = { ...AUTH, businessCode: 'otherbiz' };
    await step(t, (z) => z.cache.set('k', 'mine', 60, ['auth']));
    expect(await step(t, (z) => z.cache.get('k', ['auth']))).toBe('mine');
    expect(await step(t, (z) => z.cache.get('k', ['auth']), other)).toBeNull();
    expect(await step(t, (z) => z.cache.get('k'))).toBeNull();
    expect(t.cache.find('k')).toEqual([expect.objectContaining({ scope: ['auth'], value: 'mine' })]);
  });

  test("scope ['user']: the same user shares it across connections, another user does not see it", async () => {
    const t = tester();
    await step(t, (z) => z.cache.set('k', 'u1', 60, ['user']));
    expect(await step(t, (z) => z.cache.get('k', ['user']), { ...AUTH, businessCode: 'otherbiz' })).toBe(
      'u1',
    );
    expect(await step(t.as({ user: 'user-2' }), (z) => z.cache.get('k', ['user']))).toBeNull();
  });

  test('no scope: one key for the whole integration, every user and connection', async () => {
    const t = tester();
    await step(t, (z) => z.cache.set('k', 'shared'));
    expect(
      await step(t.as({ user: 'user-2' }), (z) => z.cache.get('k'), { ...AUTH, businessCode: 'x' }),
    ).toBe('shared');
  });

  test('delete answers whether a live entry went away', async () => {
    const t = tester();
    await step(t, (z) => z.cache.set('k', 1, 10));
    expect(await step(t, (z) => z.cache.delete('k'))).toBe(true);
    expect(await step(t, (z) => z.cache.delete('k'))).toBe(false);
  });

  test('the suite-wide appTester is strict; core’s own mock answers true to every nx set', async () => {
    expect(appTester.cache).toBeDefined();
    const loose = permissiveAppTester as unknown as Tester;
    expect(await step(loose, (z) => z.cache.set('p', 1, 60, ['auth'], true))).toBe(true);
    expect(await step(loose, (z) => z.cache.set('p', 2, 60, ['auth'], true))).toBe(true);
  });
});
