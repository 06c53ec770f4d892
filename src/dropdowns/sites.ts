/** Hidden trigger behind every "Site" dropdown: "Central London (LON)". */
import { defineTrigger } from 'zapier-platform-core';
import { listSites } from '../client';
import { localisedText } from '../localised';
import type { Site } from '../types';

export const siteLabel = (site: Site): string => {
  const title = localisedText(site.title)?.trim();
  if (title && site.code) return `${title} (${site.code})`;
  return title || site.code || `Site ${site.id}`;
};

export default defineTrigger({
  key: 'site_list',
  noun: 'Site',
  display: { label: 'List Sites', description: "Lists the business's sites for dropdowns.", hidden: true },
  operation: {
    perform: async (z, bundle) =>
      (await listSites(z, bundle))
        .map((site) => ({ id: site.id, label: siteLabel(site) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    sample: { id: '64f1c2a9e3b7d10012a4a001', label: 'Central London (LON)' },
  },
});
