/** src/plain.ts: localised titles made plain for a Zap to map, copying only what changes. */
import { isLocalised, localisedText, MAX_DEPTH, plain, TOO_DEEP } from '../src/localised';

describe('plain(): what a Zap step maps', () => {
  test('a localised title becomes its English text, else its first language', () => {
    expect(plain({ title: { en: 'Padlock', fr: 'Cadenas' } })).toEqual({ title: 'Padlock' });
    expect(plain({ title: { fr: 'Cadenas', de: 'Schloss' } })).toEqual({ title: 'Cadenas' });
    expect(plain([{ de: 'Schloss' }])).toEqual(['Schloss']);
    expect(plain({ to: 'paid', id: 'x' })).toEqual({ to: 'paid', id: 'x' }); // not languages: kept
  });

  test('a record with nothing to localise is handed back as it is, not copied', () => {
    const record = { id: 'job_1', data: { unitId: 'u' }, steps: [{ id: 's', result: {} }], n: 1, none: null };
    expect(plain(record)).toBe(record);
    expect(plain(record.steps)).toBe(record.steps);
  });

  test('a record with one title copies only the path down to it; the rest is shared', () => {
    const record = {
      id: 'ur_1',
      unit: { id: 'u', name: 'A-104' },
      charges: [{ id: 'c1', amount: 1 }, { id: 'c2', title: { en: 'Lock' } }, { id: 'c3' }],
    };
    const out = plain(record);
    expect(out).toEqual({
      id: 'ur_1',
      unit: { id: 'u', name: 'A-104' },
      charges: [{ id: 'c1', amount: 1 }, { id: 'c2', title: 'Lock' }, { id: 'c3' }],
    });
    expect(out).not.toBe(record);
    expect(out.unit).toBe(record.unit);
    expect(out.charges).not.toBe(record.charges);
    expect(out.charges[0]).toBe(record.charges[0]);
    expect(out.charges[2]).toBe(record.charges[2]);
    expect(record.charges[1].title).toEqual({ en: 'Lock' }); // the answer itself is not changed
  });

  test(`nesting deeper than ${MAX_DEPTH} levels is cut, in objects and lists alike`, () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = i % 2 ? { next: deep } : [deep];
    let out = plain(deep) as unknown;
    for (let i = 0; i < MAX_DEPTH; i++) out = Array.isArray(out) ? out[0] : (out as { next: unknown }).next;
    expect(out).toBe(TOO_DEEP);
    const shallow = { a: [{ b: 1 }] };
    expect(plain(shallow)).toBe(shallow);
  });
});

describe('what counts as localised text', () => {
  test.each([
    [{ en: 'a' }, true],
    [{ 'en-GB': 'a', fr_CA: 'b', 'zh-Hant': 'c' }, true],
    [{ en: 'a', id: 'x' }, false], // one key that is no language: a record, not a title
    [{ xx: 'a' }, false], // two letters that are no language of the list
    [{ en: 1 }, false],
    [{ english: 'a' }, false],
    [{ 'en-': 'a' }, false],
    [{}, false],
    [['en'], false],
  ])('%p is localised: %p', (value, expected) => {
    expect(isLocalised(value)).toBe(expected);
  });

  test('only its own keys count (what JSON hands on)', () => {
    const title = Object.create({ id: 'not a language' }) as Record<string, string>;
    title.en = 'Padlock';
    expect(isLocalised(title)).toBe(true);
    expect(localisedText(title)).toBe('Padlock');
  });
});
