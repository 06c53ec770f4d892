import type { ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import {
  apiKeyForHeader,
  buildPath,
  isOurs,
  MAX_SEGMENT,
  pageSizeFor,
  unusableSegment,
} from '../../src/client';
import { ADMIN, API_KEY, AUTH, HOST, userMessage } from '../helpers';

describe('the path builder and the key header, on their own', () => {
  const z = { errors } as unknown as ZObject;
  const refusal = (segments: unknown[]) => {
    try {
      buildPath(z, segments as never);
    } catch (err) {
      return userMessage(err);
    }
    return undefined;
  };

  test.each([
    [0, undefined],
    [12, undefined],
    [-1, 'is not a whole number'],
    [1.5, 'is not a whole number'],
    [2 ** 53, 'is not a whole number'],
    [null, 'is not text'],
    [{ id: 'x' }, 'is not text'],
    ['', 'is empty'],
    ['x'.repeat(MAX_SEGMENT), undefined],
    ['x'.repeat(MAX_SEGMENT + 1), `is longer than ${MAX_SEGMENT} characters`],
    ['..', 'is a dot segment, which would change the address'],
    ['.', 'is a dot segment, which would change the address'],
    ['...', undefined],
    ['a/b', 'contains a slash'],
    ['a\\b', 'contains a slash'],
    ['100%', 'contains %'],
    ['a\u0000', 'contains a control character'],
    ['a\u009f', 'contains a control character'],
    ['a\u00a0b', undefined],
    ['\ud83d\udd11', undefined],
    ['\ud83d', 'contains a broken character (a lone surrogate)'],
    ['\udd11x', 'contains a broken character (a lone surrogate)'],
    ['a\u200bb', 'contains an invisible character'],
    ['a\ufeff', 'contains an invisible character'],
    [' a', 'starts or ends with white space'],
    ['a\u3000', 'starts or ends with white space'],
  ])('segment %j: %s', (segment, why) => {
    expect(unusableSegment(segment)).toBe(why);
    const err = refusal(['jobs', segment]);
    if (why === undefined) expect(err).toBeUndefined();
    else
      expect(err).toMatchObject({
        code: 'invalid_id',
        status: 400,
        message: expect.stringContaining(`: it ${why}.`),
      });
  });

  test('the refusal quotes the id escaped and cut to 40 characters, and names what to map', () => {
    expect(refusal(['jobs', `${'a'.repeat(50)}/`])?.message).toBe(
      `The id "${'a'.repeat(40)}…" cannot be sent to Storeganise: it contains a slash. Map the record's own id ` +
        '(e.g. 64f1c2a9e3b7d10012a4d201) into this field.',
    );
    // exactly 40 characters are quoted whole
    expect(refusal(['jobs', `${'b'.repeat(39)}/`])?.message).toMatch(
      new RegExp(`^The id "${'b'.repeat(39)}/" cannot`),
    );
    expect(refusal(['jobs', 'a\u0000'])?.message).toMatch(/^The id "a\\u0000" cannot/);
    expect(refusal(['jobs', null])?.message).toMatch(/^The id object cannot/);
  });

  test('segments are encoded and joined; no segment at all is refused', () => {
    expect(buildPath(z, ['users', 'a+b@c.d', 7])).toBe('users/a%2Bb%40c.d/7');
    expect(refusal([])).toEqual({
      message: 'No Storeganise endpoint was named.',
      code: 'invalid_id',
      status: 400,
    });
  });

  test('the API key is cleaned for the header, or refused without being quoted', () => {
    expect(apiKeyForHeader(z, { apiKey: `\u200b ${API_KEY}\ufeff\n` })).toBe(API_KEY);
    for (const apiKey of [undefined, 42, '', ' \u200b ']) {
      expect(() => apiKeyForHeader(z, { apiKey } as never)).toThrow(
        'Enter a Storeganise API key (Main Settings > Developer > API keys).',
      );
    }
    for (const apiKey of ['a b', 'a\u007f', 'a€', 'a\u0080']) {
      const err = (() => {
        try {
          apiKeyForHeader(z, { apiKey });
        } catch (e) {
          return userMessage(e);
        }
      })();
      expect(err).toMatchObject({ code: 'invalid_api_key', status: 400 });
      expect(err?.message).toMatch(/^The API key contains a character that cannot be sent/);
    }
  });

  test("only URLs under the connected business's API are ours", () => {
    expect(isOurs(`${HOST}${ADMIN}/jobs`, AUTH)).toBe(true);
    expect(isOurs(`${HOST}/apix`, AUTH)).toBe(false);
    expect(isOurs(undefined, AUTH)).toBe(false);
    expect(isOurs('', AUTH)).toBe(false);
    expect(isOurs(`${HOST}${ADMIN}/jobs`, { ...AUTH, businessCode: 'evil.example' })).toBe(false);
  });

  test('pages of 50 when a list embeds records, else 1000', () => {
    expect(pageSizeFor({ include: 'unit' })).toBe(50);
    expect(pageSizeFor({ include: '' })).toBe(1000);
    expect(pageSizeFor({})).toBe(1000);
    expect(pageSizeFor()).toBe(1000);
  });
});
