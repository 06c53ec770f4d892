/**
 * How `npm test` shares the spec files out (./parts.ts): a spec that is in no part, or in two, or that
 * loads another spec, would silently not run (or run twice) in the suite CI trusts.
 */
import { loadsSpec, PARTS, shares, specFiles, specsLoadingSpecs } from './parts';

describe('the parts npm test runs', () => {
  test('every spec file under test/ is in exactly one part, and no part is empty', () => {
    const all = specFiles();
    const parts = shares();
    expect(parts).toHaveLength(PARTS);
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    expect(parts.flat().sort()).toEqual(all);
    expect(all).toContain('bundles/parts.test.ts');
    expect(all.length).toBeGreaterThan(50);
  });

  test('the shares are about equal in weight: largest first, each to the lightest part', () => {
    const weights: Record<string, number> = { a: 9, b: 7, c: 5, d: 4, e: 3, f: 3, g: 2, h: 1 };
    const parts = shares(Object.keys(weights), (file) => weights[file], 4);
    const totals = parts.map((files) => files.reduce((sum, file) => sum + weights[file], 0));
    expect(totals.reduce((a, b) => a + b)).toBe(34);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(2);
    expect(parts.map((files) => files.sort())).toEqual([['a'], ['b', 'g'], ['c', 'f'], ['d', 'e', 'h']]);
  });

  test('a spec that loads another spec is found, however it loads it', () => {
    const spec = '.test'; // spelled apart, or this file would be taken for a loader itself
    expect(loadsSpec(`import { x } from './e2e${spec}';`)).toBe(true);
    expect(loadsSpec(`require('./e2e${spec}.ts');`)).toBe(true);
    expect(loadsSpec(`await import("../sandbox/e2e${spec}");`)).toBe(true);
    expect(loadsSpec("import { specifyEndToEnd } from './e2e-specification';")).toBe(false);
    expect(loadsSpec("const name = 'x.test'; // a spec's own name in a string")).toBe(false);
  });

  test('no spec in the repo loads another', () => {
    expect(specsLoadingSpecs()).toEqual([]);
  });
});
