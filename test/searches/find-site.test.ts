/**
 * The look-ups operators' Zaps start from: a CRM contact finds the customer by name or phone, an
 * accounting payment finds the invoice by its printed number, an access-control Zap finds the site
 * and the unit by name.
 */
import { siteOutput } from '../../src/records/outputs';
import { ADMIN, failure, search, sg, userMessage } from '../helpers';
import { notFound } from '../fixtures/records';

describe('Find Site', () => {
  const central = {
    id: 'site_c',
    code: 'central',
    title: { en: 'Central', de: 'Zentrale' },
    subtitle: { en: 'Right in the centre' },
  };
  const spring = { id: 'site_s', code: 'spring_valley', title: { en: 'Spring Valley' } };

  test('hit by code: one GET sites/{code}; titles made plain, shaped as job triggers hand a site on', async () => {
    const scope = sg().get(`${ADMIN}/sites/central`).reply(200, central);
    const found = await search('find_site', { site: 'central' });
    expect(found).toEqual([
      { id: 'site_c', code: 'central', title: 'Central', subtitle: 'Right in the centre', name: 'Central' },
    ]);
    expect(found[0]).toEqual(siteOutput(central));
    scope.done();
  });

  test('hit by name in any language, not case-sensitive: a name with spaces goes straight to the list', async () => {
    const scope = sg().get(`${ADMIN}/sites`).query(true).reply(200, [central, spring]);
    await expect(search('find_site', { site: '  spring   valley ' })).resolves.toMatchObject([
      { id: 'site_s' },
    ]);
    scope.done();
    sg()
      .get(`${ADMIN}/sites/Zentrale`)
      .reply(404, notFound)
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, [central, spring]);
    await expect(search('find_site', { site: 'Zentrale' })).resolves.toMatchObject([{ id: 'site_c' }]);
  });

  test('miss: empty', async () => {
    sg()
      .get(`${ADMIN}/sites/North`)
      .reply(404, notFound)
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, [central, spring]);
    await expect(search('find_site', { site: 'North' })).resolves.toEqual([]);
  });

  test('bad input: blank', async () => {
    const err = userMessage(await failure(search('find_site', { site: ' ' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Site Name, Code or ID is required.' });
  });
});
