/**
 * Every trigger of the app besides the dropdowns: one instant trigger per row of the event catalog,
 * the generic New Event, the manual set-up hook, and the hidden event type dropdown.
 */
import { EVENT_CATALOG } from '../events/catalog';
import eventTypeList from './event-types';
import { instantTrigger } from './instant';
import manual from './manual';
import newEvent from './new-event';

const instant = Object.fromEntries(EVENT_CATALOG.map((row) => [row.key, instantTrigger(row)]));

export const triggers = {
  ...instant,
  [newEvent.key]: newEvent,
  [manual.key]: manual,
  [eventTypeList.key]: eventTypeList,
};
