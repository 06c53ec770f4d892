import { DateInputError, dayOf, toApiDate, todayUtc } from '../src/dates';

describe('dates as users map them become YYYY-MM-DD', () => {
  test.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-12-1', '2026-12-01'],
    ['2026-12-01T23:30:00-05:00', '2026-12-01'], // the date as written, no time-zone shift
    ['2026-12-01T00:30:00Z', '2026-12-01'],
    ['2026-12-01 09:00', '2026-12-01'],
    ['2028-02-29', '2028-02-29'],
    ['Dec 1 2026', '2026-12-01'],
    ['1 December 2026', '2026-12-01'],
    ['December 1, 2026', '2026-12-01'],
    ['Dec. 1st, 2026', '2026-12-01'],
    ['Tue, 1 Dec 2026', '2026-12-01'],
    ['Mon, 30 Nov 2026 17:00:00 -0800', '2026-11-30'], // Zapier's human "now": the date as written
    ['Mon Nov 30 2026 23:30:00 GMT-0800 (PST)', '2026-11-30'],
    ['Monday, 30 November 2026 17:00:00 -0800', '2026-11-30'],
    ['2026/12/01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026.12.01', '2026-12-01'],
    ['25/12/2026', '2026-12-25'], // day first: unambiguous
    ['12/25/2026', '2026-12-25'], // month first: unambiguous
    ['25-12-2026', '2026-12-25'],
    ['12-25-2026', '2026-12-25'],
    ['25.12.2026', '2026-12-25'],
    ['05/05/2026', '2026-05-05'],
    ['Fri, 25/12/2026', '2026-12-25'],
    ['Tuesday, December 1st, 2026', '2026-12-01'],
    ['1-Dec-2026', '2026-12-01'], // read by Date.parse
    ['Dec-01-2026', '2026-12-01'],
    ['2026 December 1', '2026-12-01'],
    ['1796083200', '2026-12-01'], // unix seconds
    ['1796083200000', '2026-12-01'], // unix milliseconds
    ['  2026-12-01  ', '2026-12-01'],
  ])('%s → %s', (input, expected) => {
    expect(toApiDate(input)).toBe(expected);
  });

  test.each([
    ['12/25/2026 23:30:00 GMT-0500', '2026-12-25'],
    ['25/12/2026, 23:30 -0500', '2026-12-25'],
    ['12-25-2026 23:30 -0500', '2026-12-25'],
    ['2026/12/01 23:30 -05:00', '2026-12-01'],
    ['1-Dec-2026 23:30 -0500', '2026-12-01'],
    ['1-Dec-2026, 9:30 PM -0500', '2026-12-01'],
    ['2026 Dec 1 11:30 PM EST', '2026-12-01'],
    ['Friday 12/25/2026 23:30 -0500', '2026-12-25'],
    ['1-Dec-2026 GMT+0900', '2026-12-01'], // the 30th in UTC
    ['1-Dec-2026 UTC+0900', '2026-12-01'],
  ])(
    '%s, late in the evening or in a zone away from UTC, keeps the date as written: %s',
    (input, expected) => {
      expect(toApiDate(input)).toBe(expected);
    },
  );

  const MONTHS = [
    ['January', 'Jan', 31],
    ['February', 'Feb', 28],
    ['March', 'Mar', 31],
    ['April', 'Apr', 30],
    ['May', 'May', 31],
    ['June', 'Jun', 30],
    ['July', 'Jul', 31],
    ['August', 'Aug', 31],
    ['September', 'Sep', 30],
    ['October', 'Oct', 31],
    ['November', 'Nov', 30],
    ['December', 'Dec', 31],
  ] as const;
  const NAMES = MONTHS.flatMap(([long, short, days], i) =>
    [long, short, long.toUpperCase(), short.toLowerCase()].map((name) => [name, i + 1, days] as const),
  );

  test.each(NAMES)('%s, day first or month first, is month %d with its %d days', (name, month, days) => {
    const last = `2026-${String(month).padStart(2, '0')}-${days}`;
    expect(toApiDate(`${days} ${name} 2026`)).toBe(last);
    expect(toApiDate(`${name} ${days}, 2026`)).toBe(last);
    expect(toApiDate(`1 ${name} 2026`)).toBe(`${last.slice(0, 8)}01`);
    expect(() => toApiDate(`${days + 1} ${name} 2026`)).toThrow(/is not a real calendar date/);
    expect(() => toApiDate(`${name} ${days + 1} 2026`)).toThrow(/is not a real calendar date/);
  });

  test('Sept is September', () => {
    expect(toApiDate('30 Sept 2026')).toBe('2026-09-30');
  });

  test.each([[undefined], [null], [''], ['   ']])('%p is no date (undefined)', (input) => {
    expect(toApiDate(input)).toBeUndefined();
  });

  test.each([
    ['01/02/2026', /day-first or month-first/],
    ['12/05/2026', /day-first or month-first/],
    ['05/12/2026', /day-first or month-first/],
    ['1-2-2026', /day-first or month-first/],
    ['01/02/2026 10:00', /day-first or month-first/], // a time does not make it a guess
    ['12/05/2026 junk', /day-first or month-first/],
    ['Friday 01/02/2026', /day-first or month-first/], // nor does a weekday
    ['2026-02-30', /not a real calendar date/],
    ['2026/02/30', /not a real calendar date/],
    ['2026.02.30 10:00', /not a real calendar date/],
    ['2026-02-29', /not a real calendar date/],
    ['31/31/2026', /not a real calendar date/],
    ['13/14/2026', /not a real calendar date/], // neither part can be the month
    ['31 Feb 2026', /not a real calendar date/],
    ['Thu, 31 Apr 2026', /not a real calendar date/],
    ['0026-12-01', /not a real calendar date/], // not the year 26 (nor 1926)
    ['12026-12-01', /not a date Storeganise can use/], // a five-digit year: not cut to 2026
    ['next tuesday-ish', /not a date Storeganise can use/],
    ['1 Smarch 2026', /not a date Storeganise can use/],
    ['Smarch 1 2026', /not a date Storeganise can use/],
    ['Dec 1', /not a date Storeganise can use/], // no year (Date.parse: 2001)
    ['Dec 1 26', /not a date Storeganise can use/],
    ['5/6/26', /not a date Storeganise can use/], // a two-digit year, and day and month a guess
    ['2026-12-01abc', /not a date Storeganise can use/],
    ['x2026-12-01', /not a date Storeganise can use/],
    ['2026/12/01x', /not a date Storeganise can use/],
    ['25/12/2026x', /not a date Storeganise can use/],
    ['1 Dec 2026x', /not a date Storeganise can use/],
    ['Dec 1 2026x', /not a date Storeganise can use/],
    ['1796083200x', /not a date Storeganise can use/],
    ['x1796083200', /not a date Storeganise can use/],
    ['17960832001', /not a date Storeganise can use/], // neither seconds nor milliseconds
  ])('%s is refused with a reason', (input, reason) => {
    expect(() => toApiDate(input)).toThrow(DateInputError);
    expect(() => toApiDate(input)).toThrow(reason);
  });

  test('an ambiguous date is refused quoting it, with the day-first reading as an example', () => {
    expect(() => toApiDate('12/05/2026')).toThrow(
      '"12/05/2026" could be day-first or month-first. Use YYYY-MM-DD (e.g. 2026-05-12).',
    );
  });
});

describe('dates Storeganise returns', () => {
  test('are compared by their day', () => {
    expect(dayOf('2026-12-01T23:30:00.000Z')).toBe('2026-12-01');
    expect(dayOf('2026-12-01')).toBe('2026-12-01');
  });

  test.each([[undefined], [null], [20261201]])('%p is no day', (input) => {
    expect(dayOf(input)).toBe('');
  });

  test('today is the UTC date', () => {
    expect(todayUtc(new Date('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
    expect(todayUtc(new Date('2026-11-30T23:30:00-05:00'))).toBe('2026-12-01');
  });
});
