/** Hidden trigger behind the event type dropdowns: the catalog, labelled by human names. */
import { defineTrigger } from 'zapier-platform-core';
import { EVENT_CATALOG } from '../events/catalog';

export default defineTrigger({
  key: 'event_type_list',
  noun: 'Event Type',
  display: {
    label: 'List Event Types',
    description: 'Lists the Storeganise event types for dropdowns.',
    hidden: true,
  },
  operation: {
    perform: () => EVENT_CATALOG.map((row) => ({ id: row.type, label: row.label })),
    sample: { id: 'job.unit_moveIn.completed', label: 'Move-In Completed' },
  },
});
