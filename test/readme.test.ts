/**
 * The README's table of triggers, searches and actions is the app definition's: every visible operation,
 * its label, key and description, in the app's order. `UPDATE_README=1 npx jest test/readme.test.ts`
 * writes the table from the app. CHANGELOG.md names every key the app has (keys are forever: a key that
 * leaves the app breaks the Zaps built on it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from './helpers';

type Operation = {
  key: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: { type?: string };
};
const groups = App as unknown as Record<'triggers' | 'searches' | 'creates', Record<string, Operation>>;

const kindOf = (group: string, op: Operation) =>
  group === 'searches'
    ? 'search'
    : group === 'creates'
      ? 'action'
      : op.operation.type === 'hook'
        ? 'instant trigger'
        : 'polling trigger';

function table(): string {
  const rows = (['triggers', 'searches', 'creates'] as const).flatMap((group) =>
    Object.values(groups[group])
      .filter((op) => !op.display.hidden)
      .map(
        (op) => `| ${kindOf(group, op)} | ${op.display.label} | \`${op.key}\` | ${op.display.description} |`,
      ),
  );
  return ['| kind | step | key | what it does |', '|---|---|---|---|', ...rows].join('\n');
}

const README = path.join(__dirname, '..', 'README.md');
const BLOCK = /(<!-- operations:[^\n]*-->\n)([\s\S]*?)(\n<!-- \/operations -->)/;

test('the README lists every visible trigger, search and action as the app defines it', () => {
  const readme = readFileSync(README, 'utf8');
  const found = BLOCK.exec(readme);
  expect(found).not.toBeNull();
  if (process.env.UPDATE_README) writeFileSync(README, readme.replace(BLOCK, `$1${table()}$3`));
  else expect(found![2]).toBe(table());
});

test('CHANGELOG.md names every key the app has, hidden ones included, and no key it does not have', () => {
  const changelog = readFileSync(path.join(__dirname, '..', 'CHANGELOG.md'), 'utf8');
  const keys = (['triggers', 'searches', 'creates'] as const).flatMap((group) => Object.keys(groups[group]));
  expect(keys.filter((key) => !changelog.includes(`\`${key}\``))).toEqual([]);
  const named = [...changelog.matchAll(/`([a-z][a-z0-9_]*)`/g)].map((m) => m[1]).filter((k) => /_/.test(k));
  const known = new Set([...keys, 'webhook_manual']);
  // only operation keys look like this in the changelog (snake_case in backticks); the private build's hook is known
  expect(
    [...new Set(named)].filter(
      (k) =>
        !known.has(k) &&
        /_(list|polling)$|^(new|find|add|create|update|mark|complete|move|unit|invoice|customer|valet|api)_/.test(
          k,
        ),
    ),
  ).toEqual([]);
});
