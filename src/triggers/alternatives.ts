/**
 * What a refused webhook registration points to (src/webhooks/subscribe.ts): the polling triggers that
 * stand in for the refused event types (a polling twin hands on what its instant trigger would); none
 * where no polling trigger covers them.
 */
import { EVENT_CATALOG, rowTypes } from '../events/catalog';
import { ROWS } from './polling';
import { TWINS } from './polling-twins';

const covering = [
  ...ROWS.map((row) => ({ label: row.label, covers: row.covers })),
  ...TWINS.map((twin) => ({
    label: twin.label,
    covers: EVENT_CATALOG.filter((row) => row.key === twin.twin).flatMap((row) => rowTypes(row)),
  })),
];

export function pollingAlternatives(types: readonly string[]): { polling: string[] } {
  return {
    polling: covering.filter((p) => p.covers.some((type) => types.includes(type))).map((p) => p.label),
  };
}
