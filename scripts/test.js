#!/usr/bin/env node
// `npm test`: every check CI trusts, side by side on the machine's cores, one verdict at the end.
// - the jest suite, in parts that load core and the app once each (jest.parts.config.js);
// - `zapier-platform validate --without-style` on what ships, compiled first by `tsc -b tsconfig.build.json`
//   (an up-to-date check when nothing changed; the CLI's own build step is skipped as it would redo it);
// - a type check of everything else too (`tsc -b tsconfig.json`: tests, sandbox, scripts), since jest only
//   transpiles;
// - eslint (TypeScript-aware) and `prettier --check`.
// All keep incremental state (dist/, node_modules/.cache/), so a rerun only rechecks what changed; Node's
// compile cache spares each tool re-compiling its own code. Jest's output streams live; the others are
// printed when done. Arguments go to jest: `npm test -- -t "Find Job"`.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const CACHE = path.join(__dirname, '..', 'node_modules', '.cache');
const env = {
  ...process.env,
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(CACHE, 'node'),
};

console.log(`Running on Node ${process.version}`);

/** Runs `steps` ([command, ...args]) one after another, collecting their output; stops at the first failure. */
function checks(label, ...steps) {
  return new Promise((resolve) => {
    let out = '';
    const next = (i) => {
      if (i === steps.length) return resolve({ label, ok: true, out });
      const [command, ...args] = steps[i];
      const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('error', (error) => resolve({ label, ok: false, out: `${out}${error.message}\n` }));
      child.on('close', (code) => (code === 0 ? next(i + 1) : resolve({ label, ok: false, out })));
    };
    next(0);
  });
}

const jest = new Promise((resolve) => {
  const child = spawn('jest', ['--config', 'jest.parts.config.js', ...process.argv.slice(2)], {
    env,
    stdio: 'inherit',
  });
  child.on('error', (error) => resolve({ label: 'jest', ok: false, out: error.message }));
  child.on('close', (code) => resolve({ label: 'jest', ok: code === 0, out: '' }));
});

Promise.all([
  checks(
    'zapier-platform validate --without-style (after tsc -b tsconfig.build.json)',
    ['tsc', '-b', 'tsconfig.build.json'],
    ['zapier-platform', 'validate', '--without-style', '--skip-build'],
  ),
  checks('type check (tsc -b tsconfig.json)', ['tsc', '-b', 'tsconfig.json']),
  checks('eslint', ['eslint', '--cache', '--cache-location', path.join(CACHE, 'eslint/'), '.']),
  checks('prettier --check', ['prettier', '--check', '--cache', '--log-level', 'warn', '.']),
  jest,
]).then((results) => {
  for (const { label, ok, out } of results) {
    console.log(`${ok ? 'ok' : 'FAILED'}: ${label}`);
    if (!ok || out.trim()) console.log(out.trimEnd().replace(/^/gm, '  '));
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
});
