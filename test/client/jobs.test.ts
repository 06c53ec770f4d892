/**
 * Where a job keeps the records it is about (src/client/jobs.ts; L, production move-in and transfer
 * handlers): a move-in's rental and unit in its start step's result, a transfer's old rental in
 * `data.oldRentalId` and its new one in the start step, `data.unitRentalId` or `data.newRentalId`.
 */
import { jobRecordIds, transferRentalIds } from '../../src/client';

const start = (result: Record<string, unknown>) => ({ id: 'st', type: 'start', state: 'completed', result });

describe('jobRecordIds', () => {
  test('a move-in: rental and unit from the start step; the customer from result.ownerId, not the API user', () => {
    const job = {
      id: 'j',
      ownerId: 'api_user',
      siteId: 'site_1',
      data: { unitId: 'unit_asked' },
      result: { ownerId: 'usr_1' },
      steps: [{ id: 'a', type: 'agreement' }, start({ unitRentalId: 'ur_1', unitId: 'unit_1' })],
    };
    expect(jobRecordIds(job)).toEqual({
      customerId: 'usr_1',
      unitRentalId: 'ur_1',
      unitId: 'unit_1',
      siteId: 'site_1',
    });
  });

  test('result.unitId comes before the start step; data is the last resort', () => {
    expect(
      jobRecordIds({ id: 'j', result: { unitId: 'unit_r' }, steps: [start({ unitId: 'unit_s' })] }).unitId,
    ).toBe('unit_r');
    expect(
      jobRecordIds({ id: 'j', data: { unitId: 'unit_d', unitRentalId: 'ur_d', siteId: 'site_d' } }),
    ).toEqual({ customerId: null, unitRentalId: 'ur_d', unitId: 'unit_d', siteId: 'site_d' });
  });

  test('a job that names nothing yet, or has odd shapes, gives nulls rather than failing', () => {
    expect(jobRecordIds({ id: 'j', steps: 'not a list', data: null, result: ['x'] })).toEqual({
      customerId: null,
      unitRentalId: null,
      unitId: null,
      siteId: null,
    });
    expect(jobRecordIds({ id: 'j', ownerId: 'usr_9', result: { ownerId: '' } }).customerId).toBe('usr_9');
  });

  test('a transfer: the new unit from data.newUnitId, the new rental after the start step from data', () => {
    expect(
      jobRecordIds({
        id: 't',
        data: { newUnitId: 'unit_new', unitId: 'unit_old', newRentalId: 'ur_new', oldRentalId: 'ur_old' },
      }),
    ).toMatchObject({ unitId: 'unit_new', unitRentalId: 'ur_new' });
  });
});

describe('transferRentalIds', () => {
  test("the old rental is data.oldRentalId (not data.unitRentalId); the new one the start step's", () => {
    expect(
      transferRentalIds({
        data: { oldRentalId: 'ur_old', unitRentalId: 'ur_data' },
        steps: [start({ unitRentalId: 'ur_start' })],
      }),
    ).toEqual({ newRentalId: 'ur_start', oldRentalId: 'ur_old' });
  });

  test('without a start step: data.unitRentalId, then data.newRentalId', () => {
    expect(transferRentalIds({ data: { unitRentalId: 'ur_a', newRentalId: 'ur_b' } }).newRentalId).toBe(
      'ur_a',
    );
    expect(transferRentalIds({ data: { newRentalId: 'ur_b' } })).toEqual({
      newRentalId: 'ur_b',
      oldRentalId: null,
    });
  });
});
