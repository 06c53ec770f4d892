import { MAX_DEPTH, plain, TOO_DEEP } from '../../src/localised';
import { jobOutput } from '../../src/records/outputs';
import { samples } from '../../src/records/samples';

describe('outputs a Zap step can map', () => {
  test('localised titles become plain strings, English first', () => {
    expect(plain({ title: { en: 'Padlock', fr: 'Cadenas' } })).toEqual({ title: 'Padlock' });
    expect(plain({ title: { fr: 'Cadenas' } })).toEqual({ title: 'Cadenas' });
    expect(plain({ title: { 'en-GB': 'Padlock', de: 'Schloss' } })).toEqual({ title: 'Padlock' });
    expect(plain({ charges: [{ title: { en: 'Insurance' }, amount: 5 }] })).toEqual({
      charges: [{ title: 'Insurance', amount: 5 }],
    });
  });

  test('records that merely have short keys are left alone', () => {
    expect(plain({ customFields: { id: 7 } })).toEqual({ customFields: { id: 7 } });
    expect(plain({ ref: { id: 'usr_1' } })).toEqual({ ref: { id: 'usr_1' } });
    expect(plain({ data: { to: 'paid' } })).toEqual({ data: { to: 'paid' } });
    expect(plain({ dims: { w: '2', h: '3', depth: '4' } })).toEqual({ dims: { w: '2', h: '3', depth: '4' } });
    expect(plain({ created: '2026-11-21T10:30:00.000Z' })).toEqual({ created: '2026-11-21T10:30:00.000Z' });
  });

  test('a job names its customer from result.ownerId, not the API user in ownerId', () => {
    const out = jobOutput({
      id: 'j',
      type: 'unit_moveIn',
      ownerId: 'api_user',
      result: { ownerId: 'usr_9', unitRentalId: 'ur_1' },
    });
    expect(out).toMatchObject({ customerId: 'usr_9', unitRentalId: 'ur_1', unitId: null });
  });

  test('samples contain no localised objects', () => {
    expect(JSON.stringify(samples)).not.toMatch(/\{"en":/);
    expect(samples.unitRental.charges?.[0].title).toBe('Padlock');
  });
});

describe('bounded depth', () => {
  test('a record nested 10,000 levels deep is cut at MAX_DEPTH instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    const out = plain({ id: 'x', deep }) as Record<string, unknown>;
    let at: unknown = out;
    let depth = 0;
    while (at && typeof at === 'object') {
      at = (at as Record<string, unknown>).deep ?? (at as Record<string, unknown>).next;
      depth += 1;
    }
    expect(at).toBe(TOO_DEEP);
    expect(depth).toBe(MAX_DEPTH);
  });
});
