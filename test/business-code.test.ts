import { normaliseBusinessCode } from '../src/business-code';

describe('business code normalisation', () => {
  test.each([
    ['mybiz', 'mybiz'],
    ['  MyBiz  ', 'mybiz'],
    ['mybiz-test', 'mybiz-test'],
    ['mybiz.storeganise.com', 'mybiz'],
    ['MYBIZ.Storeganise.com/', 'mybiz'],
    ['https://mybiz.storeganise.com', 'mybiz'],
    ['https://mybiz.storeganise.com/', 'mybiz'],
    ['https://mybiz.storeganise.com/manage/settings?tab=developer#keys', 'mybiz'],
    ['http://mybiz-test.storeganise.com/account', 'mybiz-test'],
    ['mybiz.storeganise.com/api/docs/admin', 'mybiz'],
  ])('accepts %j as %j', (input, code) => {
    expect(normaliseBusinessCode(input)).toBe(code);
  });

  test.each([[''], ['   '], [undefined], [42], [null]])('%j: asks for the code, with an example', (input) => {
    expect(() => normaliseBusinessCode(input)).toThrow(
      'Enter your Storeganise business code: the first part of your portal address, e.g. "mybiz" for https://mybiz.storeganise.com.',
    );
  });

  test.each([
    ['my biz'],
    ['  evil.example  '],
    ['-mybiz'],
    ['mybiz_'],
    ['mybiz.example.com'],
    ['https://evil.example/mybiz.storeganise.com'],
    ['https://mybiz.storeganise.com.evil.example'],
    ['https://user:pass@mybiz.storeganise.com'],
    ['https://mybiz.storeganise.com:8443'],
    ['ftp://mybiz.storeganise.com'],
    ['a.b.storeganise.com'],
    ['x'.repeat(64)],
    ['https://[broken'],
    ['https://'],
    ['https://user@mybiz.storeganise.com'],
    ['https://:secret@mybiz.storeganise.com'],
    ['mybiz.storeganise.com.'.repeat(3)],
    ['evilstoreganise.com'],
    ['mybiz.storeganise.comx'],
  ])('rejects %j, quoting it and saying what to enter', (input) => {
    expect(() => normaliseBusinessCode(input)).toThrow(
      `"${String(input).trim().slice(0, 100)}" is not a Storeganise business code. Use the first part of your portal address: "mybiz", "mybiz.storeganise.com" or "https://mybiz.storeganise.com" all mean "mybiz".`,
    );
  });

  test('a long input is quoted only up to 100 characters', () => {
    expect(() => normaliseBusinessCode(`https://${'x'.repeat(300)}`)).toThrow(
      `"https://${'x'.repeat(92)}" is not`,
    );
  });

  test('a trailing dot on the host (a fully qualified name) is the same business', () => {
    expect(normaliseBusinessCode('mybiz.storeganise.com.')).toBe('mybiz');
    expect(normaliseBusinessCode('https://mybiz.storeganise.com./x')).toBe('mybiz');
  });
});
