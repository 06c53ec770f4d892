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

  test.each([
    [''],
    ['   '],
    [undefined],
    [42],
    ['my biz'],
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
  ])('rejects %j with a message that says what to enter', (input) => {
    expect(() => normaliseBusinessCode(input)).toThrow(/business code/i);
  });
});
