/**
 * Zapier's public-app style checks run on Zapier's servers (`zapier-platform validate` without
 * --without-style), which are out of reach offline. These are the rules we can check here, over the
 * whole app definition; `publishingViolations` returns one readable line per broken rule.
 */

type Dict = Record<string, any>;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'via']);
const KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

function titleCaseProblems(label: string): string[] {
  return label
    .split(/\s+/)
    .filter((word, i) => /^[a-z]/.test(word) && (i === 0 || !SMALL_WORDS.has(word)))
    .map((word) => `"${word}" should be capitalised`);
}

function checkFields(where: string, fields: unknown, out: string[]): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) {
    out.push(`${where}: inputFields must be an array`);
    return;
  }
  const seen = new Set<string>();
  for (const field of fields) {
    if (typeof field === 'function') continue; // dynamic fields: checked when they run
    const f = field as Dict;
    const name = `${where} field "${f.key}"`;
    if (!f.key || !KEY.test(f.key)) out.push(`${where}: a field has a missing or malformed key (${JSON.stringify(f.key)})`);
    if (seen.has(f.key)) out.push(`${name}: duplicate key`);
    seen.add(f.key);
    if (!f.computed && !(typeof f.label === 'string' && f.label.trim())) out.push(`${name}: no label`);
    if (typeof f.label === 'string') for (const p of titleCaseProblems(f.label)) out.push(`${name}: label ${p}`);
    if (f.helpText !== undefined && (typeof f.helpText !== 'string' || f.helpText.length < 10 || f.helpText.length > 1000)) {
      out.push(`${name}: helpText must be 10–1000 characters`);
    }
    if (f.choices && f.dynamic) out.push(`${name}: has both static choices and a dynamic dropdown`);
    if (f.children) checkFields(name, f.children, out);
  }
}

function checkDescription(where: string, description: unknown, out: string[]): void {
  if (typeof description !== 'string' || description.length < 12 || description.length > 1000) {
    out.push(`${where}: description must be 12–1000 characters`);
    return;
  }
  if (!/[.!?)]$/.test(description.trim())) out.push(`${where}: description should be a sentence ending with a period`);
}

function hasSample(operation: Dict): boolean {
  const sample = operation.sample;
  return !!sample && typeof sample === 'object' && !Array.isArray(sample) && Object.keys(sample).length > 0;
}

/** Dynamic dropdown references look like "triggerKey.idField.labelField". */
function checkDropdownRefs(where: string, fields: unknown, app: Dict, out: string[]): void {
  if (!Array.isArray(fields)) return;
  for (const f of fields) {
    if (typeof f !== 'object' || !f || typeof f.dynamic !== 'string') continue;
    const [trigger] = f.dynamic.split('.');
    if (!app.triggers?.[trigger]) out.push(`${where} field "${f.key}": dynamic dropdown names unknown trigger "${trigger}"`);
    else if (!app.triggers[trigger].display?.hidden) out.push(`${where} field "${f.key}": dropdown trigger "${trigger}" should be hidden`);
  }
}

export function publishingViolations(app: Dict, facts: TriggerFacts = catalogFacts()): string[] {
  const out: string[] = [];
  const auth = app.authentication as Dict | undefined;
  if (auth) {
    if (!auth.test) out.push('authentication: no test');
    if (!auth.connectionLabel) out.push('authentication: no connectionLabel');
    checkFields('authentication', auth.fields, out);
    for (const f of (auth.fields ?? []) as Dict[]) {
      if (!f.helpText) out.push(`authentication field "${f.key}": needs helpText telling users where to find it`);
    }
  }

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
      if (op.key !== mapKey) out.push(`${where}: key "${op.key}" differs from its place in the app`);
      if (!KEY.test(mapKey)) out.push(`${where}: key must be letters, digits and underscores`);
      if (typeof op.noun !== 'string' || !op.noun.trim()) out.push(`${where}: no noun`);
      if (typeof display.label !== 'string' || !display.label.trim()) {
        out.push(`${where}: no label`);
        continue;
      }
      for (const p of titleCaseProblems(display.label)) out.push(`${where}: label ${p}`);
      checkDescription(where, display.description, out);

      const labelKey = `${group}:${display.label.toLowerCase()}`;
      if (labels.has(labelKey)) out.push(`${where}: label "${display.label}" is also used by ${labels.get(labelKey)}`);
      labels.set(labelKey, where);

      const hidden = display.hidden === true;
      const description = String(display.description ?? '');
      if (!hidden) {
        if (kind === 'trigger') {
          if (!/^(New |Updated )/.test(display.label) && !/ (Completed|Cancelled|Updated|Changed|Started|Submitted|Created|Overdue|Cleared)$/.test(display.label)) {
            out.push(`${where}: trigger label should read "New …" or "… Completed/Updated/…" (got "${display.label}")`);
          }
          if (!description.startsWith('Triggers when')) out.push(`${where}: description should start "Triggers when…"`);
        }
        if (kind === 'search') {
          if (!display.label.startsWith('Find ')) out.push(`${where}: search label should start "Find "`);
          if (!description.startsWith('Finds ')) out.push(`${where}: description should start "Finds …"`);
        }
        if (kind === 'create') {
          const verb = description.split(' ')[0];
          if (!/^[A-Z][a-z]+s$/.test(verb)) out.push(`${where}: description should start with a verb like "Adds…" or "Creates…"`);
          if (/^(Create|Add) New /.test(display.label)) out.push(`${where}: label should not say "New" after the verb`);
        }
        if (!hasSample(operation)) out.push(`${where}: no sample data`);
      }

      if (!operation.perform) out.push(`${where}: no perform`);
      if (kind === 'trigger' && !hidden && hasSample(operation) && operation.sample.id === undefined) {
        out.push(`${where}: trigger sample needs an id (Zapier dedupes on it)`);
      }
      if (operation.type === 'hook') {
        const rest = !!operation.performSubscribe;
        if (rest && !(operation.performUnsubscribe && operation.performList)) {
          out.push(`${where}: REST hook needs performUnsubscribe and performList`);
        }
        if (!rest && !(typeof display.directions === 'string' && display.directions.length >= 12)) {
          out.push(`${where}: static hook needs display.directions telling users where to paste the URL`);
        }
        if (!rest && !operation.performList) out.push(`${where}: static hook needs performList for sample data`);
      }
      checkFields(where, operation.inputFields, out);
      checkDropdownRefs(where, operation.inputFields, app, out);
      const sampleText = JSON.stringify(operation.sample ?? {});
      if (/ApiKey\s|apiKey|webhookSecret/.test(sampleText)) out.push(`${where}: sample mentions a credential`);
    }
  }

  for (const [key, soc] of Object.entries((app.searchOrCreates ?? {}) as Dict)) {
    const where = `searchOrCreate "${key}"`;
    if (!app.searches?.[soc.search]) out.push(`${where}: unknown search "${soc.search}"`);
    if (!app.creates?.[soc.create]) out.push(`${where}: unknown create "${soc.create}"`);
    if (soc.key !== soc.search) out.push(`${where}: key must equal its search's key`);
  }

  for (const key of Object.keys((app.hydrators ?? {}) as Dict)) {
    if (typeof app.hydrators[key] !== 'function') out.push(`hydrator "${key}": not a function`);
  }
  out.push(...triggerCheckViolations(app, facts));
  return out;
}

// ------------------------------------------------------------------ triggers: D017, T001, T004/T006

/** What the app definition alone does not say: whether a trigger's event types have a public source. */
export interface TriggerFacts {
  /** Trigger key → can Storeganise be shown to send what it listens to (an event type marked C or L)? */
  canFire: (triggerKey: string) => boolean;
}

/** From the event catalog: a catalog trigger can fire when its row's confidence is C or L; others are not ours to judge. */
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
 */
export function triggerCheckViolations(app: Dict, facts: TriggerFacts): string[] {
  const out: string[] = [];
  for (const [key, trigger] of Object.entries((app.triggers ?? {}) as Dict)) {
    const operation = (trigger.operation ?? {}) as Dict;
    const hidden = trigger.display?.hidden === true;
    if (operation.type === 'hook' && !operation.performSubscribe) {
      out.push(`D017 trigger "${key}": a static webhook; public apps take only REST hooks (subscribe/unsubscribe) or polling`);
    }
    if (!hidden && !facts.canFire(key)) {
      out.push(`T001 trigger "${key}": visible, but nothing shows Storeganise sends what it listens to; hide it`);
    }
    for (const field of (operation.outputFields ?? []) as Dict[]) {
      if (typeof field !== 'object' || !field) continue;
      if (!(typeof field.label === 'string' && field.label.trim())) out.push(`T004 trigger "${key}": output field "${field.key}" has no label`);
    }
  }
  return out;
}

/**
 * `a__b` paths of an output (Zapier's flattening), with what sits there: 'object', 'array', 'scalar' or
 * 'null'. Custom fields are the business's own (their codes differ per business): one object.
 */
export function flattenOutput(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value) && prefix.endsWith('customFields')) out.set(prefix, 'object');
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (prefix) out.set(prefix, 'object');
    for (const [k, v] of Object.entries(value)) flattenOutput(v, prefix ? `${prefix}__${k}` : k, out);
  } else if (Array.isArray(value)) out.set(prefix, 'array');
  else if (value !== null && value !== undefined) out.set(prefix, 'scalar');
  else out.set(prefix, 'null');
  return out;
}

/**
 * T004 (static sample) / T006 (live sample): the sample's keys must be live output's keys or a subset,
 * and no key may be an object in one and a value in the other (a mapped field would break).
 */
export function sampleParityViolations(where: string, sample: unknown, live: unknown): string[] {
  const s = flattenOutput(sample);
  const l = flattenOutput(live);
  const out: string[] = [];
  for (const [key, kind] of s) {
    const liveKind = l.get(key);
    if (liveKind === undefined) out.push(`T004/T006 ${where}: "${key}" is in the sample but not in live output`);
    else if (kind !== 'null' && liveKind !== 'null' && liveKind !== kind) out.push(`T004/T006 ${where}: "${key}" is ${kind} in the sample, ${liveKind} live`);
  }
  return out;
}
