import { App } from './helpers';
import { publishingViolations, sampleParityViolations } from './publishing-rules';

describe('offline publishing checks', () => {
  test('the app as shipped breaks none of the public-app rules we can check offline', () => {
    expect(publishingViolations(App)).toEqual([]);
  });

  // The checker itself must catch what it claims to: a sound miniature app, then one broken rule at a time.
  const perform = async () => [];
  const soundApp = () => ({
    authentication: {
      test: perform,
      connectionLabel: '{{name}}',
      fields: [{ key: 'apiKey', label: 'API Key', helpText: 'Where to find the key in the portal.' }],
    },
    triggers: {
      new_thing: {
        key: 'new_thing',
        noun: 'Thing',
        display: { label: 'New Thing', description: 'Triggers when a thing is created.' },
        operation: {
          type: 'hook',
          perform,
          performList: perform,
          performSubscribe: perform,
          performUnsubscribe: perform,
          sample: { id: 'evt_1' },
        },
      },
      thing_list: {
        key: 'thing_list',
        noun: 'Thing',
        display: { label: 'List Things', description: 'Lists things for dropdowns.', hidden: true },
        operation: { perform },
      },
    },
    searches: {
      find_thing: {
        key: 'find_thing',
        noun: 'Thing',
        display: { label: 'Find Thing', description: 'Finds a thing by its id.' },
        operation: {
          perform,
          sample: { id: 't_1' },
          inputFields: [{ key: 'thingId', label: 'Thing', dynamic: 'thing_list.id.name', helpText: 'Pick or map a thing.' }],
        },
      },
    },
    creates: {
      add_thing: {
        key: 'find_thing',
        noun: 'Thing',
        display: { label: 'Add Thing', description: 'Adds a thing to a list.' },
        operation: { perform, sample: { id: 't_1' } },
      },
    },
  });

  test('a sound miniature app passes', () => {
    const app = soundApp();
    app.creates.add_thing.key = 'add_thing';
    expect(publishingViolations(app)).toEqual([]);
  });

  const broken: Array<[string, (app: any) => void, RegExp]> = [
    ['a key that differs from its place', () => undefined, /create "add_thing": key "find_thing" differs/],
    ['a trigger label in the wrong wording', (a) => (a.triggers.new_thing.display.label = 'Thing Trigger'), /should read "New …"/],
    ['a trigger description in the wrong wording', (a) => (a.triggers.new_thing.display.description = 'Fires on things.'), /start "Triggers when/],
    ['a search label in the wrong wording', (a) => (a.searches.find_thing.display.label = 'Search Thing'), /should start "Find "/],
    ['an action description without a verb', (a) => (a.creates.add_thing.display.description = 'A thing is added.'), /start with a verb/],
    ['a lower-case label word', (a) => (a.searches.find_thing.display.label = 'Find thing'), /"thing" should be capitalised/],
    ['a missing sample', (a) => delete a.searches.find_thing.operation.sample, /find_thing": no sample data/],
    ['a trigger sample without id', (a) => (a.triggers.new_thing.operation.sample = { name: 'x' }), /sample needs an id/],
    ['a REST hook without performList', (a) => delete a.triggers.new_thing.operation.performList, /needs performUnsubscribe and performList/],
    ['a static hook without directions', (a) => delete a.triggers.new_thing.operation.performSubscribe, /needs display.directions/],
    ['an unlabelled field', (a) => delete a.searches.find_thing.operation.inputFields[0].label, /field "thingId": no label/],
    ['a duplicate field key', (a) => a.searches.find_thing.operation.inputFields.push({ key: 'thingId', label: 'Again' }), /duplicate key/],
    ['a dropdown naming no trigger', (a) => (a.searches.find_thing.operation.inputFields[0].dynamic = 'nope.id.name'), /unknown trigger "nope"/],
    ['a visible dropdown trigger', (a) => delete a.triggers.thing_list.display.hidden, /should be hidden/],
    ['a duplicate label', (a) => (a.triggers.thing_list.display.label = 'New Thing'), /also used by/],
    ['a short description', (a) => (a.searches.find_thing.display.description = 'Finds.'), /12–1000 characters/],
    ['a missing noun', (a) => delete a.searches.find_thing.noun, /no noun/],
    ['an auth field without help', (a) => delete a.authentication.fields[0].helpText, /needs helpText/],
    ['a sample that mentions a credential', (a) => (a.searches.find_thing.operation.sample = { id: '1', apiKey: 'x' }), /mentions a credential/],
  ];

  test.each(broken)('%s is reported', (_name, breakIt, expected) => {
    const app = soundApp();
    if (_name !== 'a key that differs from its place') app.creates.add_thing.key = 'add_thing';
    breakIt(app);
    expect(publishingViolations(app).join('\n')).toMatch(expected);
  });

  // The trigger checks by their Zapier check id: each can fail.
  const canFireAll = { canFire: () => true };
  test('D017: a static webhook (a hook without performSubscribe) is reported', () => {
    const app = soundApp();
    app.creates.add_thing.key = 'add_thing';
    expect(publishingViolations(app, canFireAll)).toEqual([]);
    delete (app.triggers.new_thing.operation as Record<string, unknown>).performSubscribe;
    expect(publishingViolations(app, canFireAll).join('\n')).toMatch(/^D017 trigger "new_thing": a static webhook/m);
  });

  test('T001: a visible trigger that cannot fire is reported; hidden, it is not', () => {
    const app = soundApp();
    app.creates.add_thing.key = 'add_thing';
    const cannot = { canFire: (key: string) => key !== 'new_thing' };
    expect(publishingViolations(app, cannot).join('\n')).toMatch(/^T001 trigger "new_thing": visible, but nothing shows/m);
    (app.triggers.new_thing.display as Record<string, unknown>).hidden = true;
    expect(publishingViolations(app, cannot).join('\n')).not.toMatch(/T001/);
  });

  test('T004: an output field without a label is reported', () => {
    const app = soundApp();
    app.creates.add_thing.key = 'add_thing';
    (app.triggers.new_thing.operation as Record<string, unknown>).outputFields = [{ key: 'customer__email', label: 'Customer Email' }, { key: 'x' }];
    expect(publishingViolations(app, canFireAll)).toEqual(['T004 trigger "new_thing": output field "x" has no label']);
  });

  test('T004/T006: a sample key missing live, or an object in one and a value in the other, is reported', () => {
    const live = { id: 'e', job: { id: 'j', state: 'created' }, customer: null };
    expect(sampleParityViolations('t', { id: 'e', job: { id: 'j' } }, live)).toEqual([]);
    expect(sampleParityViolations('t', { id: 'e', customer: { id: 'c' } }, live)).toEqual(['T004/T006 t: "customer__id" is in the sample but not in live output']);
    expect(sampleParityViolations('t', { id: 'e', job: 'hydrate|||…|||hydrate' }, live)).toEqual(['T004/T006 t: "job" is scalar in the sample, object live']);
  });
});
