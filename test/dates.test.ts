import { DateInputError, toApiDate } from '../src/dates';

describe('dates as users map them become YYYY-MM-DD', () => {
  test.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-12-1', '2026-12-01'],
    ['2026-12-01T23:30:00-05:00', '2026-12-01'], // the date as written, no time-zone shift
    ['2026-12-01T00:30:00Z', '2026-12-01'],
    ['2026-12-01 09:00', '2026-12-01'],
    ['Dec 1 2026', '2026-12-01'],
    ['1 December 2026', '2026-12-01'],
    ['December 1, 2026', '2026-12-01'],
    ['Dec. 1st, 2026', '2026-12-01'],
    ['Tue, 1 Dec 2026', '2026-12-01'],
    ['Mon, 30 Nov 2026 17:00:00 -0800', '2026-11-30'], // Zapier's human "now": the date as written
    ['Mon Nov 30 2026 23:30:00 GMT-0800 (PST)', '2026-11-30'],
    ['2026/12/01', '2026-12-01'],
    ['25/12/2026', '2026-12-25'], // day first: unambiguous
    ['12/25/2026', '2026-12-25'], // month first: unambiguous
    ['05/05/2026', '2026-05-05'],
    ['1796083200', '2026-12-01'], // unix seconds
    ['1796083200000', '2026-12-01'], // unix milliseconds
    ['  2026-12-01  ', '2026-12-01'],
  ])('%s → %s', (input, expected) => {
    expect(toApiDate(input)).toBe(expected);
  });

  test.each([[undefined], [null], [''], ['   ']])('%p is no date (undefined)', (input) => {
    expect(toApiDate(input)).toBeUndefined();
  });

  test.each([
    ['01/02/2026', /day-first or month-first/],
    ['2026-02-30', /not a real calendar date/],
    ['next tuesday-ish', /not a date Storeganise can use/],
    ['31/31/2026', /not a real calendar date|day-first/],
    ['31 Feb 2026', /not a real calendar date/],
  ])('%s is refused with a reason', (input, reason) => {
    expect(() => toApiDate(input)).toThrow(DateInputError);
    expect(() => toApiDate(input)).toThrow(reason);
  });
});
