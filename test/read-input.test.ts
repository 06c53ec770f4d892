import type { ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import {
  AMOUNT_FORMATS,
  bool,
  DATE_FORMATS,
  date,
  findWay,
  formValue,
  looksLikeEmail,
  number,
  parseAmount,
  requiredText,
  strictBool,
  text,
} from '../src/read-input';
import { userMessage } from './helpers';

const z = { errors } as unknown as ZObject;

/** What the user reads when `read` refuses the input. */
function refusal(read: () => unknown) {
  try {
    read();
  } catch (err) {
    return userMessage(err);
  }
  throw new Error('expected the input to be refused');
}

describe('mapped text', () => {
  test('text trims and treats blank as absent', () => {
    expect(text('  a ')).toBe('a');
    expect(text('   ')).toBeUndefined();
    expect(text(12)).toBe('12');
  });

  test('a field mapped from an empty (null) value is absent, not the word "null"', () => {
    expect(text(null)).toBeUndefined();
    expect(text(undefined)).toBeUndefined();
    expect(refusal(() => requiredText(z, null, 'Invoice ID'))).toEqual({
      message: 'Invoice ID is required.',
      code: 'invalid_input',
      status: 400,
    });
  });
});

describe('yes/no values', () => {
  const YES = ['true', 'yes', 'y', '1', 'on', 'TRUE', 'Yes', ' y ', 'ON', true, 1];
  const NO = ['false', 'no', 'n', '0', 'off', 'FALSE', 'No', ' n ', 'OFF', false, 0];

  test.each(YES)('%p reads as yes, whatever the default', (input) => {
    expect(bool(input, false)).toBe(true);
    expect(bool(input, true)).toBe(true);
    expect(strictBool(z, input, 'Alarm fitted')).toBe(true);
  });

  test.each(NO)('%p reads as no, whatever the default', (input) => {
    expect(bool(input, true)).toBe(false);
    expect(bool(input, false)).toBe(false);
    expect(strictBool(z, input, 'Alarm fitted')).toBe(false);
  });

  test.each([[''], ['   '], [undefined], [null], ['maybe'], ['yess'], ['2']])(
    'an optional switch given %p keeps its default',
    (input) => {
      expect(bool(input, true)).toBe(true);
      expect(bool(input, false)).toBe(false);
    },
  );

  test.each([
    ['  maybe ', 'Alarm fitted must be yes or no (true/false), got "maybe".'],
    ['', 'Alarm fitted must be yes or no (true/false), got "".'],
    ['2', 'Alarm fitted must be yes or no (true/false), got "2".'],
  ])(
    'a yes/no value that will be stored is refused when it is %p, quoting what was given',
    (input, message) => {
      expect(refusal(() => strictBool(z, input, 'Alarm fitted'))).toEqual({
        message,
        code: 'invalid_input',
        status: 400,
      });
    },
  );
});

describe('amounts as users map them', () => {
  test.each([
    ['12.5', 12.5],
    ['-10', -10],
    ['+3', 3],
    ['0', 0],
    ['1,234.50', 1234.5],
    ['-1,234.50', -1234.5],
    ['12,345,678', 12345678],
    ['£12.50', 12.5],
    ['-£12.50', -12.5],
    ['12.50 EUR', 12.5],
    ['USD 7', 7],
    ['12,50', 12.5],
    ['€12,50', 12.5],
    ['1.234,50', 1234.5],
    ['-1.234,50', -1234.5],
    ['12.345,50', 12345.5],
    ['1.234.567,89', 1234567.89],
    ['1 234,50', 1234.5],
  ])('%j is %d', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  test.each([
    ['abc'],
    ['0x10'],
    ['1e3'],
    ['12.5.3'],
    ['1,23,4'],
    ['12,5000'],
    ['--5'],
    [''],
    ['1.234.567'],
    ['1,2,345'], // misplaced thousands separators, not 12345
    ['1.2,50'], // likewise in the European form, not 12.50
    ['9'.repeat(400)], // beyond any number: not Infinity
  ])('%j is refused, not guessed', (input) => {
    expect(parseAmount(input)).toBeUndefined();
  });

  test('an amount handed over as a number is used as it is', () => {
    expect(number(z, 12.5, 'Amount')).toBe(12.5);
    expect(number(z, -3, 'Amount')).toBe(-3);
    expect(number(z, 1e-7, 'Amount')).toBe(1e-7); // its text, "1e-7", would be refused
  });

  test.each([[NaN], [Infinity], [-Infinity], ['abc'], ['1,2,345']])(
    'an amount of %p is refused with the value quoted, not read as empty',
    (input) => {
      expect(refusal(() => number(z, input, 'Amount'))).toEqual({
        message: `Amount must be a number (got "${String(input)}").`,
        code: 'invalid_input',
        status: 400,
      });
    },
  );

  test('an empty amount is absent (the action decides whether it is required)', () => {
    expect(number(z, '  ', 'Amount')).toBeUndefined();
    expect(number(z, undefined, 'Amount')).toBeUndefined();
  });

  test('every amount format the help texts promise is read', () => {
    const examples = AMOUNT_FORMATS.match(/[£€$]?\d[\d.,]*\d/g) ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) expect(parseAmount(example)).toEqual(expect.any(Number));
  });
});

describe('dates in a field', () => {
  test('a date is read into YYYY-MM-DD', () => {
    expect(date(z, 'Dec 1 2026', 'Start Date')).toBe('2026-12-01');
    expect(date(z, '', 'Start Date')).toBeUndefined();
  });

  test('a date that cannot be read is refused naming the field', () => {
    expect(refusal(() => date(z, '01/02/2026', 'Start Date'))).toMatchObject({
      message: expect.stringMatching(/^Start Date: "01\/02\/2026" could be day-first or month-first\./),
      code: 'invalid_input',
    });
  });

  test('a failure that is not about the date is not reported as the user’s mistake', () => {
    const broken = {
      toString() {
        throw new RangeError('boom');
      },
    };
    expect(() => date(z, broken, 'Start Date')).toThrow(RangeError);
  });

  test('every date format the help texts promise is read, and the ambiguous example refused', () => {
    const [accepted, refused] = DATE_FORMATS.split(';');
    const examples = accepted
      .replace(/^e\.g\.\s*/, '')
      .split(/,\s*|\s+or\s+/)
      .filter((example) => /\d/.test(example));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) expect(date(z, example, 'Date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ambiguous = /\d+\/\d+\/\d{4}/.exec(refused)?.[0];
    expect(ambiguous).toBeDefined();
    expect(() => date(z, ambiguous, 'Date')).toThrow(/day-first or month-first/);
  });
});

describe('telling an e-mail from an id', () => {
  test.each([['jane.doe@example.com'], ['j+tag@mail.example.co.uk'], ['a@b.c']])(
    '%j is an e-mail',
    (input) => {
      expect(looksLikeEmail(input)).toBe(true);
    },
  );

  test.each([
    ['a@b@c.com'], // two @
    ['jane@example'], // no domain dot
    ['jane doe@example.com'],
    ['jane@example.com extra'],
    ['@example.com'],
    ['jane@.com'],
    ['jane@example.'],
    ['usr_123'],
  ])('%j is not an e-mail', (input) => {
    expect(looksLikeEmail(input)).toBe(false);
  });
});

describe('a field of the form a dropdown reads', () => {
  test('is read from what the user filled in, and only from that', () => {
    expect(formValue({ recordType: 'unit' }, 'recordType')).toBe('unit');
    expect(formValue({}, 'recordType')).toBeUndefined();
    expect(formValue({}, 'constructor')).toBeUndefined(); // not the object's own machinery
  });
});

describe('Find By', () => {
  const WAYS = { email: 'Email', customerId: 'Customer ID', nameOrPhone: 'Name or Phone' } as const;
  const filled = (...keys: Array<keyof typeof WAYS>) => ({
    email: keys.includes('email'),
    customerId: keys.includes('customerId'),
    nameOrPhone: keys.includes('nameOrPhone'),
  });

  test('the chosen way decides when several fields are filled in, by key or label in any case', () => {
    for (const choice of ['customerId', 'CUSTOMERID', 'Customer ID', ' customer id '])
      expect(findWay(z, choice, WAYS, filled('email', 'customerId'))).toBe('customerId');
  });

  test('a chosen way whose field is empty gives way to the first filled field', () => {
    expect(findWay(z, 'email', WAYS, filled('nameOrPhone', 'customerId'))).toBe('customerId');
  });

  test.each([[''], ['   '], [undefined], [null]])(
    'an empty Find By (%p) finds by the first filled field, in the order the search prefers',
    (choice) => {
      expect(findWay(z, choice, WAYS, filled('nameOrPhone', 'customerId'))).toBe('customerId');
      expect(findWay(z, choice, WAYS, filled('nameOrPhone'))).toBe('nameOrPhone');
      expect(findWay(z, choice, WAYS, filled())).toBeUndefined();
    },
  );

  test('an unknown Find By is refused, naming the choices', () => {
    expect(refusal(() => findWay(z, ' Phone ', WAYS, filled('email')))).toEqual({
      message: 'Find By "Phone" is not one of: Email, Customer ID, Name or Phone.',
      code: 'invalid_input',
      status: 400,
    });
  });
});
