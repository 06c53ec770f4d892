/** src/shared-parts.ts: identical parts of the definition are one object; the definition reads the same. */
import { shareIdenticalParts } from '../src/shared-parts';
import { App } from './helpers';

describe('identical parts of the definition become one object', () => {
  test('equal data is shared, what differs in a value, a key order, undefined or a function is not', () => {
    const fn = () => 1;
    const shared = shareIdenticalParts({
      a: { x: 1, list: [1, { y: 'z' }] },
      b: { x: 1, list: [1, { y: 'z' }] },
      c: { list: [1, { y: 'z' }], x: 1 }, // another key order: not the same part
      d: { x: 1, list: [1, { y: 'z' }], extra: undefined },
      e: { x: 2, list: [1, { y: 'z' }] },
      f: { x: 1, list: [1, { y: 'z' }], run: fn },
      g: { x: 1, list: [1, { y: 'z' }], run: fn },
      when: new Date(0),
    });
    expect(shared.b).toBe(shared.a);
    expect(shared.c).not.toBe(shared.a);
    expect(shared.c.list).toBe(shared.a.list); // its parts still are
    expect(shared.d).not.toBe(shared.a);
    expect('extra' in shared.d).toBe(true);
    expect(shared.e).not.toBe(shared.a);
    expect(shared.f).not.toBe(shared.g); // holds a function: never shared
    expect(shared.f.run).toBe(fn);
    expect(shared.f.list).toBe(shared.a.list);
    expect(shared.when).toBeInstanceOf(Date);
  });

  test('the app as shipped reads the same as before sharing, with its samples and fields shared', () => {
    const triggers = App.triggers as Record<string, any>;
    expect(JSON.stringify(shareIdenticalParts(App))).toBe(JSON.stringify(App));
    expect(triggers.new_move_in.operation.sample.customer).toBe(
      triggers.move_in_completed.operation.sample.customer,
    );
    expect(triggers.new_move_in_polling.operation.outputFields[3]).toBe(
      triggers.new_move_in.operation.outputFields[3],
    );
  });
});
