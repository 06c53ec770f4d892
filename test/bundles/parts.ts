/**
 * `npm test` runs the spec files in one part per jest worker (jest.parts.config.js) instead of one jest
 * file each. Jest gives every test file a fresh module registry, so each file loaded zapier-platform-core
 * (~0.8 s), the app and a first run again: 58 files paid ~60 s of CPU for it, half of the suite.
 * A part loads them once and runs its share of the specs, each inside a `describe` named by its path,
 * with what a spec may leave behind (mocks, nock's connection rules, environment variables) put back
 * after it. `npx jest test/…/x.test.ts` still runs one spec file on its own (the default config).
 *
 * The shares are computed, not listed: every spec file under test/ lands in exactly one part, weighed
 * by its size (and the few heavy generated suites by their measured cost), so a new spec needs no edit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';

/** One part per jest worker (package.json "maxWorkers"): a worker that ran a part keeps what core leaked. */
export const PARTS = 2;
const ROOT = path.resolve(__dirname, '..');

/**
 * Specs whose cost is not their size (generated cases, a real sandbox, a whole build, a specification
 * shared from another module): time share ÷ size share, measured with `npx jest --json`.
 */
const COST_PER_BYTE: Record<string, number> = {
  'sandbox/e2e.test.ts': 100,
  'sandbox/e2e-strict.test.ts': 50,
  'adversarial/answers-fuzz.test.ts': 6,
  'triggers/build.test.ts': 5,
  'sandbox/workflows.test.ts': 4,
  'webhooks/pipeline-fuzz.test.ts': 2,
};

/** Every spec file under test/, relative to it ("creates/create-task.test.ts"). */
export function specFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : specFiles(full);
      return entry.name.endsWith('.test.ts') ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
    })
    .sort();
}

/** Every spec file, in exactly one of PARTS shares of about equal weight (largest first, to the lightest). */
export function shares(
  files = specFiles(),
  weigh = (file: string) => readFileSync(path.join(ROOT, file)).length,
  count = PARTS,
) {
  const parts = Array.from({ length: count }, () => ({ weight: 0, files: [] as string[] }));
  const weighed = files.map((file) => ({ file, weight: weigh(file) * (COST_PER_BYTE[file] ?? 1) }));
  weighed.sort((a, b) => b.weight - a.weight || a.file.localeCompare(b.file));
  for (const { file, weight } of weighed) {
    const lightest = parts.reduce((min, part) => (part.weight < min.weight ? part : min));
    lightest.files.push(file);
    lightest.weight += weight;
  }
  return parts.map((part) => part.files.sort());
}

/**
 * A spec that loads another spec would register that one's tests only if it came first in its part (a
 * module loads once per registry): shared specifications live in modules not named `.test.ts`.
 */
export const loadsSpec = (source: string): boolean =>
  /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)['"][^'"]+\.test(?:\.ts)?['"]/.test(source);

export const specsLoadingSpecs = (files = specFiles()): string[] =>
  files.filter((file) => loadsSpec(readFileSync(path.join(ROOT, file), 'utf8')));

/** Registers part `n` (1-based): each of its spec files inside a describe of its own, then isolated again. */
export function runPart(n: number): void {
  const files = shares()[n - 1];
  if (!files) throw new Error(`there is no part ${n} of ${PARTS}`);
  runSpecs(`part ${n} of the specs`, files);
}

/** Registers these spec files (relative to test/) in one registry, each isolated from the next. */
export function runSpecs(label: string, files: string[]): void {
  const loading = specsLoadingSpecs(files);
  if (loading.length) throw new Error(`spec files must not load other spec files: ${loading.join(', ')}`);
  afterAll(() => {
    // Core ends a process above 450 MB RSS once it has served 250 runs (as on Zapier): say so before it does.
    const rss = process.memoryUsage().rss / 1e6;
    if (rss > 400) process.stderr.write(`${label} ended at ${rss.toFixed(0)} MB RSS: raise PARTS\n`);
  });
  for (const file of files) {
    describe(file, () => {
      const env = { ...process.env };
      afterAll(() => {
        jest.restoreAllMocks();
        nock.cleanAll();
        nock.disableNetConnect();
        nock.enableNetConnect(/^127\.0\.0\.1:\d+$/);
        for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
        Object.assign(process.env, env);
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a spec registers its tests as it loads
      require(path.join(ROOT, file));
    });
  }
}
