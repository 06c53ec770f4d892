/**
 * The look-ups operators' Zaps start from: a CRM contact finds the customer by name or phone, an
 * accounting payment finds the invoice by its printed number, an access-control Zap finds the site
 * and the unit by name.
 */

import { samples } from '../../src/records/samples';
import {
  ADMIN,
  app,
  failure,
  hydrate,
  type Row,
  search,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';
import { notFound } from '../fixtures/records';

describe('Find Unit', () => {
  const unitInclude = { include: 'customFields' };
  const units = [
    { id: 'unit_1', siteId: 'site_c', name: 'A-104', state: 'occupied' },
    { id: 'unit_2', siteId: 'site_c', name: 'A-105', state: 'available' },
  ];

  test('hit by name within the site, not case-sensitive; read by id with custom fields like the Unit trigger', async () => {
    const full = { ...units[0], customFields: { gate_code: '4821' } };
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ siteId: 'site_c', limit: 1000, offset: 0 })
      .reply(200, units)
      .get(`${ADMIN}/units/unit_1`)
      .query(unitInclude)
      .twice()
      .reply(200, full);
    const result = await search('find_unit', { siteId: 'site_c', unitName: ' a-104 ' });
    expect(result).toEqual([await hydrate('unit', 'unit_1')]);
    expect(result[0]).toMatchObject({ id: 'unit_1', customFields: { gate_code: '4821' } });
    scope.done();
  });

  test('hit by ID', async () => {
    sg().get(`${ADMIN}/units/unit_2`).query(unitInclude).reply(200, units[1]);
    await expect(search('find_unit', { unitId: 'unit_2' })).resolves.toMatchObject([{ id: 'unit_2' }]);
  });

  test('miss: no unit of that name at the site (a unit of another site is not taken)', async () => {
    sg()
      .get(`${ADMIN}/units`)
      .query(true)
      .reply(200, [...units, { id: 'unit_9', siteId: 'site_s', name: 'B-1' }]);
    await expect(search('find_unit', { siteId: 'site_c', unitName: 'B-1' })).resolves.toEqual([]);
  });

  test('miss by ID: empty', async () => {
    sg().get(`${ADMIN}/units/unit_404`).query(true).reply(404, notFound);
    await expect(search('find_unit', { unitId: 'unit_404' })).resolves.toEqual([]);
  });

  test.each([
    [{}, 'Fill in the Unit ID, or the Site and the Unit Name.'],
    [{ unitName: 'A-104' }, 'Pick the Site of unit "A-104": unit names repeat across sites.'],
  ])('bad input %p is refused before any request', async (input, message) => {
    let err: Error | undefined;
    const tried = await unansweredRequests(async () => {
      err = await failure(search('find_unit', input));
    });
    expect(tried).toBe(0);
    expect(userMessage(err)).toMatchObject({ code: 'invalid_input', message });
  });

  test('fields: Site is the labelled site dropdown', () => {
    const site = app.searches.find_unit.operation.inputFields.find((f: Row) => f.key === 'siteId');
    expect(site).toMatchObject({ label: 'Site', dynamic: 'site_list.id.label' });
    expect(app.searches.find_unit.operation.sample).toEqual(samples.unit);
  });
});
