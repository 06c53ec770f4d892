#!/usr/bin/env node
// `npm test`'s first half, two independent checks side by side (the box has 2 cores; jest follows them):
// - `zapier-platform validate --without-style`: runs `_zapier-build` (tsc over what ships: index.ts + src/,
//   tsconfig.build.json) and checks the app definition against Zapier's schema, offline;
// - `tsc --noEmit` over everything else too (tests, sandbox, scripts), since jest only transpiles;
// - lint: eslint (TypeScript-aware) and prettier --check, so unformatted or lint-failing code fails the run.
// All keep incremental state (dist/, node_modules/.cache/), so a rerun only checks what changed.
'use strict';
const { spawn } = require('node:child_process');

console.log(`Running on Node ${process.version}`);

function run(label, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', (error) => resolve({ label, ok: false, out: `${out}${error.message}\n` }));
    child.on('close', (code) => resolve({ label, ok: code === 0, out }));
  });
}

Promise.all([
  run('zapier-platform validate --without-style', 'zapier-platform', ['validate', '--without-style']),
  run('type check (tsc --noEmit -p tsconfig.json)', 'tsc', ['--noEmit', '-p', 'tsconfig.json']),
  run('eslint', 'eslint', ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']),
  run('prettier --check', 'prettier', ['--check', '--cache', '--log-level', 'warn', '.']),
]).then((results) => {
  for (const { label, ok, out } of results) {
    console.log(`${ok ? 'ok' : 'FAILED'}: ${label}`);
    if (!ok || out.trim()) console.log(out.trimEnd().replace(/^/gm, '  '));
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
});
