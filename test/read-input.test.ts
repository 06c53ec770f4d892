import { bool, parseAmount, text } from '../src/read-input';

describe('mapped text and yes/no values', () => {
  test('text trims and treats blank as absent', () => {
    expect(text('  a ')).toBe('a');
    expect(text('   ')).toBeUndefined();
    expect(text(12)).toBe('12');
  });

  test.each([
    [true, true],
    [false, false],
    ['false', false],
    ['no', false],
    ['yes', true],
    ['', true],
    [undefined, true],
  ])('bool(%p) with default true is %p', (input, expected) => {
    expect(bool(input, true)).toBe(expected);
  });
});

describe('amounts as users map them', () => {
  test.each([
    ['12.5', 12.5],
    ['-10', -10],
    ['+3', 3],
    ['0', 0],
    ['1,234.50', 1234.5],
    ['12,345,678', 12345678],
    ['£12.50', 12.5],
    ['-£12.50', -12.5],
    ['12.50 EUR', 12.5],
    ['USD 7', 7],
    ['12,50', 12.5],
    ['€12,50', 12.5],
    ['1.234,50', 1234.5],
    ['1 234,50', 1234.5],
  ])('%j is %d', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  test.each([['abc'], ['0x10'], ['1e3'], ['12.5.3'], ['1,23,4'], ['12,5000'], ['--5'], [''], ['1.234.567']])(
    '%j is refused, not guessed',
    (input) => {
      expect(parseAmount(input)).toBeUndefined();
    },
  );
});
