/**
 * src/time-limit.ts: each step keeps its own budget below Zapier's 30 s, so the owner reads what the app
 * was waiting for rather than Zapier's "timed out".
 */
import { msLeft, requestTimeoutMs, TIME_LIMIT } from '../src/time-limit';

afterEach(() => jest.useRealTimers());

test('a step may spend 25 s, keeps 3.5 s back for its clean-up, and gives a request at least 1 s', () => {
  expect(TIME_LIMIT).toEqual({ stepMs: 25_000, reserveMs: 3_500, minRequestMs: 1_000 });
});

test("the budget counts from the step's first question, per step", () => {
  jest.useFakeTimers({ now: new Date('2026-12-04T10:00:00Z') });
  const step = {};
  expect(msLeft(step)).toBe(21_500);
  jest.advanceTimersByTime(5_000);
  expect(msLeft(step)).toBe(16_500);
  expect(requestTimeoutMs(step)).toBe(16_500);
  // another step (another bundle) starts its own count
  const other = {};
  expect(msLeft(other)).toBe(21_500);
  jest.advanceTimersByTime(1_000);
  expect(msLeft(step)).toBe(15_500);
  expect(msLeft(other)).toBe(20_500);
});

test('late in the step a request still gets 1 s; a wait gets nothing', () => {
  jest.useFakeTimers({ now: new Date('2026-12-04T10:00:00Z') });
  const step = {};
  msLeft(step);
  jest.advanceTimersByTime(21_000);
  expect(requestTimeoutMs(step)).toBe(1_000);
  jest.advanceTimersByTime(4_000);
  expect(msLeft(step)).toBe(-3_500);
  expect(requestTimeoutMs(step)).toBe(1_000);
});
