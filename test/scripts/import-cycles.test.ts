/** The module graph stays layered: no module imports, directly or round about, one that imports it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findCycles, importGraph } = require('../../scripts/import-cycles.js') as {
  findCycles: (root: string, entries?: string[]) => string[][];
  importGraph: (root: string, entries?: string[]) => Map<string, string[]>;
};

const ROOT = path.resolve(__dirname, '../..');

describe('import cycles', () => {
  it('index.ts, src/ and sandbox/ have none', () => {
    expect(findCycles(ROOT)).toEqual([]);
  });

  it('reads the whole graph: index.ts reaches every kind of operation through its registries', () => {
    const graph = importGraph(ROOT);
    const fromIndex = (graph.get(path.join(ROOT, 'index.ts')) ?? []).map((f) => path.relative(ROOT, f));
    expect(fromIndex).toEqual(
      expect.arrayContaining([
        'src/triggers/index.ts',
        'src/searches/index.ts',
        'src/creates/index.ts',
        'src/dropdowns/index.ts',
      ]),
    );
    expect(graph.size).toBeGreaterThan(50);
  });

  it('finds a cycle when there is one, type-only imports and re-exports included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'a.ts'), "import { b } from './lib';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'src', 'lib', 'index.ts'), "export * from './b';\n");
      fs.writeFileSync(
        path.join(dir, 'src', 'lib', 'b.ts'),
        "import type { A } from '../a';\nexport const b = 1;\n",
      );
      fs.writeFileSync(path.join(dir, 'src', 'c.ts'), "import { a } from './a';\nexport const c = a;\n");
      expect(findCycles(dir, ['src'])).toEqual([['src/a.ts', 'src/lib/b.ts', 'src/lib/index.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
