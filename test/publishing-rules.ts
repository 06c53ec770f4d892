/**
 * Zapier's publishing checks run on Zapier's servers (`zapier-platform validate` without
 * --without-style, and the integration checks before going public), which are out of reach offline.
 * These are the ones we can check here, over the whole app definition. Each rule has an id: Zapier's
 * own check id where the rule is one of Zapier's integration checks (D002, D004, D009, D014, …), else
 * `GL…` for Zapier's build guidelines on wording, or `SG…` for the house rules on the definition's
 * shape. `publishingViolations` returns one readable line per broken rule, starting with its id.
 */

type Dict = Record<string, any>;

/** Every rule checked, by id: what it asks. */
export const RULES = {
  D002: 'authentication help text for a credential links to where users find it',
  D004: 'an ID input field of an action or trigger is picked from a dynamic dropdown',
  D009: 'a search has at least one required input field',
  D014: 'an input field with a search ("Add a Search Step") also has a valid dynamic dropdown',
  GL001: 'visible descriptions do not name the app or Zapier (the editor already shows them)',
  GL002: 'no generic "<Noun> Updated" trigger: say what changed',
  GL003:
    'trigger, search and action labels and descriptions follow Zapier wording ("New …", "Finds …", a verb)',
  SG001: 'operation keys are well formed and match their place in the app',
  SG002:
    'every operation has a noun, a title-case label unique in its group, and a 12–1000 character description',
  SG003: 'visible operations have sample data; trigger samples have an id; no sample mentions a credential',
  SG004:
    'hook triggers are complete: REST hooks have unsubscribe and performList, static hooks have directions',
  SG005:
    'input fields: unique well-formed keys, title-case labels, 10–1000 character help, not both choices and dynamic',
  SG006: 'a dynamic dropdown names an existing hidden trigger',
  SG007: 'the authentication has a test, a connection label and help on every field',
  SG008: 'search-or-create pairs name an existing search and create, keyed by the search',
  D017: 'no static webhook trigger in a public app: REST hooks (subscribe/unsubscribe) or polling only',
  T001: 'a visible trigger can fire: what it listens to is known to be sent (else it is hidden)',
  T004: "a trigger's output fields are labelled, and its static sample has every key they name (line items' too)",
  SG010:
    'a visible search or action that hands on a record labels its output fields, each naming a key of its sample (line items too)',
} as const;
// T006 (a trigger's sample has live output's keys or a subset) needs live output: sampleParityViolations().

export type RuleId = keyof typeof RULES;

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'via',
]);
const KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
/** A Markdown link or a bare http(s) URL. */
const LINK = /\[[^\]]+\]\(https?:\/\/[^)\s]+\)|https?:\/\/\S+/;
/** The names a description must not use (GL001). */
const PLATFORM_NAMES = /\b(storeganise|zapier)\b/i;
/** An input field that holds a record's id. */
const ID_FIELD = (f: Dict) => /(Id|ID|_id)$/.test(String(f.key)) || / ID$/.test(String(f.label ?? ''));

type Report = (id: RuleId, message: string) => void;

function titleCaseProblems(label: string): string[] {
  return label
    .split(/\s+/)
    .filter((word, i) => /^[a-z]/.test(word) && (i === 0 || !SMALL_WORDS.has(word)))
    .map((word) => `"${word}" should be capitalised`);
}

const staticFields = (fields: unknown): Dict[] =>
  Array.isArray(fields) ? fields.filter((f): f is Dict => !!f && typeof f === 'object') : [];

function checkFields(where: string, fields: unknown, report: Report): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) {
    report('SG005', `${where}: inputFields must be an array`);
    return;
  }
  const seen = new Set<string>();
  for (const f of staticFields(fields)) {
    const name = `${where} field "${f.key}"`;
    if (!f.key || !KEY.test(f.key))
      report('SG005', `${where}: a field has a missing or malformed key (${JSON.stringify(f.key)})`);
    if (seen.has(f.key)) report('SG005', `${name}: duplicate key`);
    seen.add(f.key);
    if (!f.computed && !(typeof f.label === 'string' && f.label.trim())) report('SG005', `${name}: no label`);
    if (typeof f.label === 'string')
      for (const p of titleCaseProblems(f.label)) report('SG005', `${name}: label ${p}`);
    if (
      f.helpText !== undefined &&
      (typeof f.helpText !== 'string' || f.helpText.length < 10 || f.helpText.length > 1000)
    ) {
      report('SG005', `${name}: helpText must be 10–1000 characters`);
    }
    if (f.choices && f.dynamic) report('SG005', `${name}: has both static choices and a dynamic dropdown`);
    if (f.children) checkFields(name, f.children, report);
  }
}

function checkDescription(where: string, description: unknown, report: Report): void {
  if (typeof description !== 'string' || description.length < 12 || description.length > 1000) {
    report('SG002', `${where}: description must be 12–1000 characters`);
    return;
  }
  if (!/[.!?)]$/.test(description.trim()))
    report('SG002', `${where}: description should be a sentence ending with a period`);
}

function hasSample(operation: Dict): boolean {
  const sample = operation.sample;
  return !!sample && typeof sample === 'object' && !Array.isArray(sample) && Object.keys(sample).length > 0;
}

/** Dynamic dropdown references look like "triggerKey.idField.labelField" (SG006), searches "searchKey.field" (D014). */
function checkDropdowns(where: string, fields: unknown, app: Dict, report: Report): void {
  for (const f of staticFields(fields)) {
    const name = `${where} field "${f.key}"`;
    if (typeof f.dynamic === 'string') {
      const [trigger] = f.dynamic.split('.');
      if (!app.triggers?.[trigger])
        report('SG006', `${name}: dynamic dropdown names unknown trigger "${trigger}"`);
      else if (!app.triggers[trigger].display?.hidden)
        report('SG006', `${name}: dropdown trigger "${trigger}" should be hidden`);
    }
    if (f.search !== undefined) {
      const [search, field] = String(f.search).split('.');
      if (!app.searches?.[search] || !field)
        report('D014', `${name}: search "${f.search}" names no search of this app`);
      const parts = typeof f.dynamic === 'string' ? f.dynamic.split('.') : [];
      if (parts.length !== 3 || !app.triggers?.[parts[0]] || !app.triggers[parts[0]].display?.hidden) {
        report(
          'D014',
          `${name}: has a search but no valid dynamic dropdown ("trigger.id.label"), so no "Add a Search Step" button`,
        );
      }
    }
  }
}

function checkAuthentication(auth: Dict, report: Report): void {
  if (!auth.test) report('SG007', 'authentication: no test');
  if (!auth.connectionLabel) report('SG007', 'authentication: no connectionLabel');
  checkFields('authentication', auth.fields, report);
  for (const f of staticFields(auth.fields)) {
    if (!f.helpText)
      report('SG007', `authentication field "${f.key}": needs helpText telling users where to find it`);
    else if (f.type === 'password' && !LINK.test(String(f.helpText))) {
      report(
        'D002',
        `authentication field "${f.key}": help text should link to where users find this credential`,
      );
    }
  }
}

export function publishingViolations(app: Dict, facts: TriggerFacts = catalogFacts()): string[] {
  const out: string[] = [];
  const report: Report = (id, message) => out.push(`${id} ${message}`);
  if (app.authentication) checkAuthentication(app.authentication as Dict, report);

  const labels = new Map<string, string>();
  const kinds = [
    ['triggers', 'trigger'],
    ['searches', 'search'],
    ['creates', 'create'],
  ] as const;

  for (const [group, kind] of kinds) {
    for (const [mapKey, op] of Object.entries((app[group] ?? {}) as Dict)) {
      const where = `${kind} "${mapKey}"`;
      const display = (op.display ?? {}) as Dict;
      const operation = (op.operation ?? {}) as Dict;
      if (op.key !== mapKey) report('SG001', `${where}: key "${op.key}" differs from its place in the app`);
      if (!KEY.test(mapKey)) report('SG001', `${where}: key must be letters, digits and underscores`);
      if (typeof op.noun !== 'string' || !op.noun.trim()) report('SG002', `${where}: no noun`);
      if (typeof display.label !== 'string' || !display.label.trim()) {
        report('SG002', `${where}: no label`);
        continue;
      }
      for (const p of titleCaseProblems(display.label)) report('SG002', `${where}: label ${p}`);
      checkDescription(where, display.description, report);

      const labelKey = `${group}:${display.label.toLowerCase()}`;
      if (labels.has(labelKey))
        report('SG002', `${where}: label "${display.label}" is also used by ${labels.get(labelKey)}`);
      labels.set(labelKey, where);

      const hidden = display.hidden === true;
      const description = String(display.description ?? '');
      const fields = staticFields(operation.inputFields);
      if (!hidden) {
        if (PLATFORM_NAMES.test(description))
          report('GL001', `${where}: description names ${PLATFORM_NAMES.exec(description)![0]}`);
        if (kind === 'trigger') {
          // a trailing qualifier such as "(Polling)" tells twins apart; the wording rule reads the label before it
          const wording = display.label.replace(/ \([^()]+\)$/, '');
          if (
            !/^(New |Updated )/.test(wording) &&
            !/ (Completed|Cancelled|Updated|Changed|Started|Submitted|Created|Overdue|Cleared|Paid)$/.test(
              wording,
            )
          ) {
            report(
              'GL003',
              `${where}: trigger label should read "New …" or "… Completed/Updated/…" (got "${display.label}")`,
            );
          }
          if (!description.startsWith('Triggers when'))
            report('GL003', `${where}: description should start "Triggers when…"`);
          // Zapier's docs allow "Updated <Noun>" names (docs.zapier.com/platform/build/polling-trigger) but ask
          // for update triggers users can aim: "Users want to know if the task deadline changed", "Allow users
          // to filter which records they want to trigger on" (docs.zapier.com/platform/reference/project-app).
          // So: the label says what changed, and an event that lists its changed fields lets users pick them.
          const noun = String(op.noun ?? '').trim();
          const generic = [`${noun} Updated`, `Updated ${noun}`, `${noun} Changed`, `Changed ${noun}`];
          if (noun && generic.includes(display.label)) {
            report('GL002', `${where}: "${display.label}" is a generic update trigger; name what changed`);
          }
          const outputKeys = staticFields(operation.outputFields).map((f) => f.key);
          if (outputKeys.includes('changedKeys') && !fields.some((f) => f.key === 'changedFields')) {
            report(
              'GL002',
              `${where}: lists the changed fields but offers no "Only When These Fields Change" input`,
            );
          }
        }
        if (kind === 'search') {
          if (!display.label.startsWith('Find '))
            report('GL003', `${where}: search label should start "Find "`);
          if (!description.startsWith('Finds '))
            report('GL003', `${where}: description should start "Finds …"`);
          if (!fields.some((f) => f.required)) report('D009', `${where}: has no required input field`);
        }
        if (kind === 'create') {
          const verb = description.split(' ')[0];
          if (!/^[A-Z][a-z]+s$/.test(verb))
            report('GL003', `${where}: description should start with a verb like "Adds…" or "Creates…"`);
          if (/^(Create|Add) New /.test(display.label))
            report('GL003', `${where}: label should not say "New" after the verb`);
        }
        if (kind !== 'search') {
          for (const f of fields.filter((f) => ID_FIELD(f) && !f.dynamic)) {
            report('D004', `${where} field "${f.key}": an ID field should be picked from a dynamic dropdown`);
          }
        }
        if (!hasSample(operation)) report('SG003', `${where}: no sample data`);
      }

      if (!operation.perform) report('SG001', `${where}: no perform`);
      if (kind === 'trigger' && !hidden && hasSample(operation) && operation.sample.id === undefined) {
        report('SG003', `${where}: trigger sample needs an id (Zapier dedupes on it)`);
      }
      if (operation.type === 'hook') {
        const rest = !!operation.performSubscribe;
        if (rest && !(operation.performUnsubscribe && operation.performList)) {
          report('SG004', `${where}: REST hook needs performUnsubscribe and performList`);
        }
        if (!rest && !(typeof display.directions === 'string' && display.directions.length >= 12)) {
          report(
            'SG004',
            `${where}: static hook needs display.directions telling users where to paste the URL`,
          );
        }
        if (!rest && !operation.performList)
          report('SG004', `${where}: static hook needs performList for sample data`);
      }
      checkFields(where, operation.inputFields, report);
      checkDropdowns(where, operation.inputFields, app, report);
      const sampleText = JSON.stringify(operation.sample ?? {});
      if (/ApiKey\s|apiKey|webhookSecret/.test(sampleText))
        report('SG003', `${where}: sample mentions a credential`);
    }
  }

  for (const [key, soc] of Object.entries((app.searchOrCreates ?? {}) as Dict)) {
    const where = `searchOrCreate "${key}"`;
    if (!app.searches?.[soc.search]) report('SG008', `${where}: unknown search "${soc.search}"`);
    if (!app.creates?.[soc.create]) report('SG008', `${where}: unknown create "${soc.create}"`);
    if (soc.key !== soc.search) report('SG008', `${where}: key must equal its search's key`);
  }

  checkTriggers(app, facts, report);
  checkRecordOutputs(app, report);
  return out;
}

/**
 * SG010: a search or action whose sample is a record (it has an `id`) offers labelled output fields
 * ("Customer Email", not `customerEmail`), as model apps pair each sample with them.
 */
function checkRecordOutputs(app: Dict, report: Report): void {
  for (const [group, kind] of [
    ['searches', 'search'],
    ['creates', 'create'],
  ] as const) {
    for (const [key, op] of Object.entries((app[group] ?? {}) as Dict)) {
      const operation = (op.operation ?? {}) as Dict;
      const sample = operation.sample;
      if (op.display?.hidden || !sample || typeof sample !== 'object' || !('id' in sample)) continue;
      const where = `${kind} "${key}"`;
      const fields = staticFields(operation.outputFields);
      if (fields.length === 0)
        report('SG010', `${where}: hands on a record but labels none of its output fields`);
      const sampleKeys = flattenOutput(sample);
      for (const field of fields) checkOutputField('SG010', where, field, sample, sampleKeys, report);
    }
  }
}

/**
 * T004/SG010 for one output field: labelled, naming a key of the sample; a line-item group (`children`,
 * keyed as in each item) sits on a list of objects in the sample, and each child is labelled and names a
 * key of those items.
 */
function checkOutputField(
  rule: RuleId,
  where: string,
  field: Dict,
  sample: unknown,
  sampleKeys: Map<string, string>,
  report: Report,
): void {
  const key = String(field.key);
  if (!(typeof field.label === 'string' && field.label.trim())) {
    report(rule, `${where}: output field "${key}" has no label`);
    return;
  }
  if (!sampleKeys.has(key)) {
    report(rule, `${where}: output field "${key}" names no key of the sample`);
    return;
  }
  if (field.children === undefined) return;
  const items = valueAt(sample, key);
  const objects = Array.isArray(items)
    ? items.filter((i) => !!i && typeof i === 'object' && !Array.isArray(i))
    : [];
  if (!objects.length) {
    report(rule, `${where}: output field "${key}" has children, but the sample holds no list of items there`);
    return;
  }
  const itemKeys = new Set(objects.flatMap((item) => [...flattenOutput(item).keys()]));
  for (const child of staticFields(field.children)) {
    if (!(typeof child.label === 'string' && child.label.trim()))
      report(rule, `${where}: line item field "${key}[]${child.key}" has no label`);
    else if (!itemKeys.has(String(child.key)))
      report(rule, `${where}: line item field "${key}[]${child.key}" names no key of the sample's items`);
  }
}

/** What sits at a flattened key (`invoice__lineItems`) of an output. */
function valueAt(output: unknown, key: string): unknown {
  let at: unknown = output;
  for (const part of key.split('__')) at = at && typeof at === 'object' ? (at as Dict)[part] : undefined;
  return at;
}

// ------------------------------------------------------------------ triggers: D017, T001, T004/T006

/** What the app definition alone does not say: whether a trigger's event types have a public source. */
export interface TriggerFacts {
  /** Trigger key → can Storeganise be shown to send what it listens to (an event type marked C or L)? */
  canFire: (triggerKey: string) => boolean;
}

/**
 * From the event catalog: a catalog trigger can fire when its row's confidence is C or L; others are
 * not ours to judge.
 */
export function catalogFacts(): TriggerFacts {
  // required lazily so the miniature apps of the meta-tests need no catalog
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EVENT_CATALOG } = require('../src/events/catalog') as typeof import('../src/events/catalog');
  const confidence = new Map<string, string>(EVENT_CATALOG.map((row) => [row.key, row.confidence]));
  return { canFire: (key) => confidence.get(key) !== 'A' };
}

/**
 * D017: no static webhook (a hook trigger without performSubscribe) in a public app.
 * T001: a visible trigger must be able to fire (Zapier's review needs a live run of each).
 * T004: output fields labelled, each naming a key of the static sample.
 */
function checkTriggers(app: Dict, facts: TriggerFacts, report: Report): void {
  for (const [key, trigger] of Object.entries((app.triggers ?? {}) as Dict)) {
    const operation = (trigger.operation ?? {}) as Dict;
    const where = `trigger "${key}"`;
    const hidden = trigger.display?.hidden === true;
    if (operation.type === 'hook' && !operation.performSubscribe) {
      report(
        'D017',
        `${where}: a static webhook; public apps take only REST hooks (subscribe/unsubscribe) or polling`,
      );
    }
    if (!hidden && !facts.canFire(key)) {
      report('T001', `${where}: visible, but nothing shows Storeganise sends what it listens to; hide it`);
    }
    const sample = operation.sample ?? {};
    const sampleKeys = flattenOutput(sample);
    for (const field of staticFields(operation.outputFields))
      checkOutputField('T004', where, field, sample, sampleKeys, report);
  }
}

/**
 * `a__b` paths of an output (Zapier's flattening), with what sits there: 'object', 'array', 'scalar' or
 * 'null'. Custom fields are the business's own (their codes differ per business): one object.
 */
export function flattenOutput(
  value: unknown,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value) && prefix.endsWith('customFields'))
    out.set(prefix, 'object');
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (prefix) out.set(prefix, 'object');
    for (const [k, v] of Object.entries(value)) flattenOutput(v, prefix ? `${prefix}__${k}` : k, out);
  } else if (Array.isArray(value)) out.set(prefix, 'array');
  else if (value !== null && value !== undefined) out.set(prefix, 'scalar');
  else out.set(prefix, 'null');
  return out;
}

/**
 * T006 (live sample; T004 for the static one): the sample's keys must be live output's keys or a
 * subset, and no key may be an object in one and a value in the other (a mapped field would break).
 * Needs live output, so test/triggers/instant.test.ts runs it over every trigger with a live run.
 */
export function sampleParityViolations(where: string, sample: unknown, live: unknown): string[] {
  const s = flattenOutput(sample);
  const l = flattenOutput(live);
  const out: string[] = [];
  for (const [key, kind] of s) {
    const liveKind = l.get(key);
    if (liveKind === undefined) out.push(`T006 ${where}: "${key}" is in the sample but not in live output`);
    else if (kind !== 'null' && liveKind !== 'null' && liveKind !== kind)
      out.push(`T006 ${where}: "${key}" is ${kind} in the sample, ${liveKind} live`);
  }
  return out;
}
