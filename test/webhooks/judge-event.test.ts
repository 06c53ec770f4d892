/**
 * src/webhooks/judge-event.ts: each element of a webhook body is judged on its own, so one unusable event
 * is dropped with a reason the Zap owner can read and the others of its delivery go on.
 */
import { judgeEvent, MAX_ID_LENGTH, short } from '../../src/webhooks/judge-event';

const moveIn = {
  id: 'evt_1',
  type: 'job.unit_moveIn.created',
  created: '2026-12-04T10:00:00.000Z',
  data: { jobId: 'job_1' },
};
const problem = (item: unknown) => {
  const judged = judgeEvent(item);
  return 'problem' in judged ? judged.problem : undefined;
};

test('an event with an id, a dotted type and the ids its type names is handed on as it came', () => {
  expect(judgeEvent(moveIn)).toEqual({ event: moveIn });
});

test('an element that is not an event object says what it is', () => {
  expect(problem([moveIn])).toBe('is a list, not an event object');
  expect(problem(null)).toBe('is null, not an event object');
  expect(problem('evt_1')).toBe('is string, not an event object');
  expect(problem(7)).toBe('is number, not an event object');
  expect(problem(undefined)).toBe('is undefined, not an event object');
});

test(`an event id must be non-empty text of at most ${MAX_ID_LENGTH} characters`, () => {
  expect(MAX_ID_LENGTH).toBe(200);
  const noId = 'has no usable "id" (a non-empty string)';
  expect(problem({ ...moveIn, id: undefined })).toBe(noId);
  expect(problem({ ...moveIn, id: '' })).toBe(noId);
  expect(problem({ ...moveIn, id: 42 })).toBe(noId);
  expect(problem({ ...moveIn, id: 'e'.repeat(201) })).toBe(noId);
  expect(problem({ ...moveIn, id: 'e'.repeat(200) })).toBeUndefined();
});

test('a type that is not a dotted event name, or no data object, is named with the event id', () => {
  expect(problem({ ...moveIn, type: 'moveIn' })).toBe(
    '(id evt_1) has no usable "type" (a dotted event name)',
  );
  expect(problem({ ...moveIn, type: undefined })).toBe(
    '(id evt_1) has no usable "type" (a dotted event name)',
  );
  expect(problem({ ...moveIn, data: undefined })).toBe(
    '(id evt_1, job.unit_moveIn.created) has no "data" object',
  );
  expect(problem({ ...moveIn, data: null })).toBe('(id evt_1, job.unit_moveIn.created) has no "data" object');
  expect(problem({ ...moveIn, data: ['job_1'] })).toBe(
    '(id evt_1, job.unit_moveIn.created) has no "data" object',
  );
});

test('every record id in data must be usable as one path segment; null or absent ones are simply not there', () => {
  const bad = (key: string) => `(id evt_1, job.unit_moveIn.created) has a "data.${key}" that is not an id`;
  expect(problem({ ...moveIn, data: { jobId: '..' } })).toBe(bad('jobId'));
  expect(problem({ ...moveIn, data: { jobId: 'job_1', unitRentalId: 'a/b' } })).toBe(bad('unitRentalId'));
  expect(problem({ ...moveIn, data: { jobId: 'job_1', userId: 'usr%2F1' } })).toBe(bad('userId'));
  expect(problem({ ...moveIn, data: { jobId: 'job_1', unitId: '' } })).toBe(bad('unitId'));
  expect(problem({ ...moveIn, data: { jobId: 'job_1', invoiceId: 12 } })).toBe(bad('invoiceId'));
  expect(problem({ ...moveIn, data: { jobId: 'job_1', newRentalId: 'r'.repeat(201) } })).toBe(
    bad('newRentalId'),
  );
  expect(
    problem({ ...moveIn, data: { jobId: 'job_1', unitRentalId: null, unitId: undefined } }),
  ).toBeUndefined();
  expect(problem({ ...moveIn, data: { jobId: 'j'.repeat(200) } })).toBeUndefined();
});

test("a known event type without the id its trigger hydrates is refused by that id's name", () => {
  expect(problem({ ...moveIn, data: {} })).toBe('(id evt_1, job.unit_moveIn.created) lacks "data.jobId"');
  expect(problem({ ...moveIn, data: { jobId: null } })).toBe(
    '(id evt_1, job.unit_moveIn.created) lacks "data.jobId"',
  );
  expect(problem({ id: 'evt_2', type: 'unitRental.markOverdue', data: { jobId: 'job_1' } })).toBe(
    '(id evt_2, unitRental.markOverdue) lacks "data.unitRentalId"',
  );
  // an event type this app has no row for is judged by its shape only (the pipeline filters it by type later)
  expect(judgeEvent({ id: 'evt_3', type: 'site.updated', data: {} })).toEqual({
    event: { id: 'evt_3', type: 'site.updated', created: null, data: {} },
  });
});

test('a created time that is not text is handed on as null', () => {
  expect(judgeEvent({ ...moveIn, created: 1764842400000 })).toEqual({ event: { ...moveIn, created: null } });
  expect(judgeEvent({ ...moveIn, created: undefined })).toEqual({ event: { ...moveIn, created: null } });
});

test('a long event id is shortened to 40 characters in messages', () => {
  expect(short('e'.repeat(40))).toBe('e'.repeat(40));
  expect(short('e'.repeat(41))).toBe(`${'e'.repeat(40)}…`);
  expect(problem({ ...moveIn, id: 'e'.repeat(60), type: 'x' })).toBe(
    `(id ${'e'.repeat(40)}…) has no usable "type" (a dotted event name)`,
  );
});
