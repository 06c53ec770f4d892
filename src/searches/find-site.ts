/**
 * Find Site: by ID or code (C/L: `GET sites/{idOrCode}`), else by name among the business's sites
 * (C: `GET sites`; a business has a handful). Names match whole and in any language the site's title
 * is written in, not case-sensitive. Output: the site as job triggers hand it on (`siteOutput`).
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findSite, listSites } from '../client';
import { requiredText } from '../read-input';
import { isLocalised } from '../localised';
import { siteOutput } from '../records/outputs';
import { samples } from '../records/samples';
import type { Site } from '../types';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([
  {
    key: 'site',
    label: 'Site Name, Code or ID',
    required: true,
    helpText:
      "The site's name as customers see it (e.g. Central, not case-sensitive), its code (e.g. central) or its ID.",
  },
]);

const key = (s: unknown) =>
  String(s ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** Every text a site goes by: its code and its title in each language. */
function namesOf(site: Site): string[] {
  const title = site.title;
  const titles = isLocalised(title) ? Object.values(title) : typeof title === 'string' ? [title] : [];
  return [site.code, ...titles].map(key).filter(Boolean);
}

export default defineSearch({
  key: 'find_site',
  noun: 'Site',
  display: { label: 'Find Site', description: 'Finds a site by its name, code or ID.' },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const wanted = requiredText(z, bundle.inputData.site, 'Site Name, Code or ID');
      // a code or an id is one word; a name with spaces would only be a wasted request
      if (/^[\w-]+$/.test(wanted)) {
        const site = await findSite(z, bundle, wanted);
        if (site) return [siteOutput(site)];
      }
      const match = (await listSites(z, bundle)).find(
        (site) => site.id === wanted || namesOf(site).includes(key(wanted)),
      );
      return match ? [siteOutput(match)] : [];
    },
    outputFields: [...outputFieldsFor('site', ''), customFieldOutputFields('site', '')],
    sample: samples.site,
  },
});
