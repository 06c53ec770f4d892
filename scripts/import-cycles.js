#!/usr/bin/env node
/**
 * Import cycles among the project's own TypeScript modules (index.ts, src/, sandbox/): every relative
 * `import … from`, `export … from`, `import('…')` and `require('…')`, type-only imports included (a
 * type cycle still ties two modules' layers together). Prints each cycle and exits 1 if there is one.
 * Offline and dependency-free, so `npm test` can run it (test/scripts/import-cycles.test.ts).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/gm;

/** The .ts files below `dir` (node_modules, dist and build left out). */
function tsFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', 'build'].includes(entry.name) ? [] : tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The module file a relative specifier names, or undefined when it is not one of ours (e.g. JSON). */
function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file));
}

/** file → the project files it imports. */
function importGraph(root, entries = ['index.ts', 'src', 'sandbox']) {
  const files = entries.flatMap((entry) => {
    const full = path.join(root, entry);
    return full.endsWith('.ts') ? (fs.existsSync(full) ? [full] : []) : tsFiles(full);
  });
  const graph = new Map();
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of source.matchAll(SPECIFIER)) {
      const target = resolve(file, match[1]);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every cycle, one per strongly connected component (Tarjan), as root-relative paths. */
function findCycles(root, entries) {
  const graph = importGraph(root, entries);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = (graph.get(file) ?? []).includes(file);
    if (component.length > 1 || selfImport) cycles.push(component.map((f) => path.relative(root, f)).sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

module.exports = { findCycles, importGraph };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const cycles = findCycles(root);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' ↔ ')}`);
  console.log(cycles.length ? `${cycles.length} import cycle(s)` : 'no import cycles');
  process.exit(cycles.length ? 1 : 0);
}
