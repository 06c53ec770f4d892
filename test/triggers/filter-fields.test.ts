/**
 * Only When These Fields Change, on the update triggers whose events list their changed fields: an
 * access-code Zap runs when the gate code changes, not on every price or note edit.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { changeChosen, readEvents } from '../../src/webhooks/pipeline';
import { App } from '../helpers';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;

const event = (id: string, changedKeys: unknown) => ({
  id,
  type: 'unitRental.updated',
  created: '2026-11-21T10:30:00.000Z',
  data: { unitRentalId: 'ur_1', changedKeys },
});

test('the rental and unit triggers offer the filter; the customer trigger, whose event names no field, does not', () => {
  const fieldKeys = (key: string) => triggers[key].operation.inputFields.map((f: Dict) => f.key);
  expect(fieldKeys('unit_rental_updated')).toContain('changedFields');
  expect(fieldKeys('unit_updated')).toContain('changedFields');
  expect(fieldKeys('customer_updated')).not.toContain('changedFields');
});

test.each([
  [['customFields.gate_code'], ['customFields.gate_code', 'price'], true],
  [['customFields.gate_code'], ['price'], false],
  [['customFields'], ['customFields.gate_code'], true], // a whole group covers its fields
  [['customFields.gate_code'], ['customFields'], true], // the group changed: the gate code may have
  [['customFields.gate'], ['customFields.gate_code'], false], // paths match at dots, not as text
  [['price'], 'price', true], // one path sent as text, read as output.ts reads it
  [['price'], null, false],
  [['price'], [], false],
])('chosen %j, changed %j: fires %s', (chosen, changed, fires) => {
  expect(changeChosen(changed, chosen)).toBe(fires);
});

test('a delivery keeps only the events where a chosen field changed; without a choice every change fires', () => {
  const logs: string[] = [];
  const z = { console: { log: (line: string) => logs.push(line) } } as unknown as ZObject;
  const body = [event('e1', ['price']), event('e2', ['customFields.gate_code']), event('e3', [])];
  const bundle = { authData: {}, inputData: {}, cleanedRequest: body } as unknown as Bundle;
  const ids = (changed?: string[]) => readEvents(z, bundle, { changed }).map((e) => e.id);
  expect(ids(['customFields.gate_code'])).toEqual(['e2']);
  expect(logs.join('\n')).toMatch(/skipped 2 event\(s\).*none of the chosen fields changed/);
  expect(ids([])).toEqual(['e1', 'e2', 'e3']);
  expect(ids()).toEqual(['e1', 'e2', 'e3']);
});
