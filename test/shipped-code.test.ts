/**
 * What ships (index.ts, src/) uses only the platform's public API: no module of zapier-platform-core's
 * or -cli's `src/` (private, changed without notice), and nothing that patches core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const shipped = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? shipped(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );

test('no file that ships names a private module of zapier-platform-core or -cli', () => {
  const files = ['index.ts', ...shipped('src')];
  expect(files.length).toBeGreaterThan(50);
  const offenders = files.filter((file) =>
    /zapier-platform-(core|cli|schema)\/(src|lib)\//.test(readFileSync(path.join(ROOT, file), 'utf8')),
  );
  expect(offenders).toEqual([]);
});
