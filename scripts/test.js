#!/usr/bin/env node
// `npm test`: every check CI trusts, side by side on the machine's cores, one verdict at the end.
// - the jest suite (jest.config.js);
// - `zapier-platform validate --without-style` on what ships, compiled first by `tsc -b tsconfig.build.json`
//   (an up-to-date check when nothing changed; the CLI's own build step is skipped as it would redo it);
// - a type check of everything else too (`tsc -b tsconfig.json`: tests, sandbox, scripts), since jest only
//   transpiles;
// - eslint (TypeScript-aware) and `prettier --check`.
// All keep incremental state (dist/, node_modules/.cache/), so a rerun only rechecks what changed (validate
// runs again when the built app, package.json or the CLI changed); Node's compile cache spares each tool
// re-compiling its own code. Jest's output streams live; the others are
// printed when done. Arguments go to jest: `npm test -- -t "Find Job"`.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache');
const VALIDATED = path.join(CACHE, 'validated.sha256');
const env = {
  ...process.env,
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(CACHE, 'node'),
};

console.log(`Running on Node ${process.version}`);

/** What `validate` judges: the built app (dist/index.js, dist/src/), package.json, and the CLI that judges. */
function shippedDigest() {
  const hash = crypto.createHash('sha256');
  const add = (file) => hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file));
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .forEach((entry) =>
        entry.isDirectory() ? walk(path.join(dir, entry.name)) : add(path.join(dir, entry.name)),
      );
  add(path.join(ROOT, 'dist', 'index.js'));
  walk(path.join(ROOT, 'dist', 'src'));
  add(path.join(ROOT, 'package.json'));
  add(path.join(ROOT, 'node_modules', 'zapier-platform-cli', 'package.json'));
  add(path.join(ROOT, 'node_modules', 'zapier-platform-core', 'package.json'));
  return hash.digest('hex');
}

/**
 * Runs `steps` one after another, collecting their output; stops at the first failure. A step is
 * [command, ...args], or a function that returns one or a line to print instead ('' for none).
 */
function checks(label, ...steps) {
  return new Promise((resolve) => {
    let out = '';
    const next = (i) => {
      if (i === steps.length) return resolve({ label, ok: true, out });
      const step = typeof steps[i] === 'function' ? steps[i]() : steps[i];
      if (typeof step === 'string') {
        if (step) out += `${step}\n`;
        return next(i + 1);
      }
      const [command, ...args] = step;
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
  const child = spawn('jest', process.argv.slice(2), {
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
    () => {
      try {
        if (fs.readFileSync(VALIDATED, 'utf8') === shippedDigest())
          return 'unchanged since it last passed validate: not run again';
      } catch {
        /* never validated here yet */
      }
      fs.rmSync(VALIDATED, { force: true });
      return ['zapier-platform', 'validate', '--without-style', '--skip-build'];
    },
    () => {
      fs.mkdirSync(CACHE, { recursive: true });
      fs.writeFileSync(VALIDATED, shippedDigest());
      return '';
    },
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
