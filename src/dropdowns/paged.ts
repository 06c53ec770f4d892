/**
 * A hidden trigger behind a dropdown that Zapier pages itself (`canPaginate`: `bundle.meta.page` 0, 1,
 * 2…, until a page comes back short): one page of records per call, each as `{ id, label }`. Some labels
 * need more than the record (a unit's site name): `context` is read beside the page, once per call.
 */
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';

export interface PagedDropdown<K extends string, T extends { id: string }, C> {
  key: K;
  noun: string;
  /** what the hidden trigger lists, e.g. "customers" */
  lists: string;
  pageSize: number;
  /** one page of records; `form` is the form the dropdown sits on (e.g. its Site field) */
  page: (
    z: ZObject,
    bundle: Bundle,
    page: { offset: number; limit: number; form: Record<string, unknown> },
  ) => Promise<T[]>;
  context?: (z: ZObject, bundle: Bundle) => Promise<C>;
  label: (record: T, context: C) => string;
  sample: { id: string; label: string };
}

export function pagedDropdown<K extends string, T extends { id: string }, C = undefined>(
  spec: PagedDropdown<K, T, C>,
) {
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: {
      label: `List ${spec.lists.replace(/\b\w/g, (c) => c.toUpperCase())}`,
      description: `Lists ${spec.lists} for dropdowns.`,
      hidden: true,
    },
    operation: {
      canPaginate: true,
      perform: async (z, bundle) => {
        const page = Number(bundle.meta?.page ?? 0) || 0;
        const form: Record<string, unknown> = bundle.inputData;
        const [records, context] = await Promise.all([
          spec.page(z, bundle, { offset: page * spec.pageSize, limit: spec.pageSize, form }),
          spec.context?.(z, bundle),
        ]);
        // the whole page, whatever its records say: a page filtered down to nothing would tell Zapier
        // there are no more pages
        return records.map((record) => ({ id: record.id, label: spec.label(record, context as C) }));
      },
      sample: spec.sample,
    },
  });
}
