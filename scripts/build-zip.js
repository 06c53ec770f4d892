#!/usr/bin/env node
// Makes build/build.zip and build/source.zip — what `zapier-platform upload` sends — offline, with the CLI's own
// build code, and runs the CLI's own "Testing build" step on the zip (unzip to a temp dir, load zapierwrapper.js
// and index.js). Only Zapier's server-side style validation is skipped: it needs Zapier's servers
// (docs/zapier-platform.md, "Building the pushable zip offline"). Prints the size; fails over the budget.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BUDGET_BYTES = 2 * 1024 * 1024;
const root = path.resolve(__dirname, '..');
// Never copied to the staging folder: installed or generated trees, and local secrets (.env, .env.local…).
const SKIP_AT_ROOT = new Set(['node_modules', '.git', 'build', 'coverage']);
const skipAtRoot = (name) => SKIP_AT_ROOT.has(name) || (name.startsWith('.env') && name !== '.env.example');

// The CLI's build module is not a public API: resolve it from the pinned zapier-platform-cli so a CLI upgrade
// that moves it fails here loudly instead of building something else.
const { buildAndOrUpload } = require(
  require.resolve('zapier-platform-cli/src/utils/build.js', { paths: [root] }),
);

/** The installed packages `npm install --omit=dev` would keep, from the lockfile (paths like node_modules/a). */
function productionPackages() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([key, meta]) => key.startsWith('node_modules/') && !meta.dev)
    .map(([key]) => key);
}

/**
 * A copy of the project whose node_modules holds only the production tree, in the OS temp folder so module
 * resolution cannot climb into the project's own node_modules. This is what `zapier-platform push` builds from
 * (it runs `npm install --production` in a copy), made from the lockfile and the installed packages instead of
 * the network; and it avoids the CLI's whole-project copy, which stops with EMFILE on ~31k files.
 */
function stage() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'storeganise-zapier-build-'));
  for (const name of fs.readdirSync(root)) {
    if (skipAtRoot(name)) continue;
    fs.cpSync(path.join(root, name), path.join(dir, name), { recursive: true, verbatimSymlinks: true });
  }
  for (const pkg of productionPackages()) {
    const from = path.join(root, pkg);
    if (!fs.existsSync(from))
      throw new Error(`${pkg} is in the lockfile but not installed: run npm ci first`);
    // Nested node_modules are lockfile entries of their own: copy only those (a nested one may be dev-only).
    const nested = path.join(from, 'node_modules');
    fs.cpSync(from, path.join(dir, pkg), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => src !== nested,
    });
  }
  return dir;
}

async function main() {
  const started = Date.now();
  // The compile step the CLI would run (`_zapier-build`), here in the project, where the compiler is installed.
  const compiled = spawnSync('npm', ['run', '--silent', '_zapier-build'], { cwd: root, stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error('npm run _zapier-build failed');

  const dir = stage();
  try {
    process.chdir(dir);
    // The CLI's own guard against running the build hook twice: the staged copy has no compiler.
    process.env.npm_lifecycle_event = '_zapier-build';
    // skipDepInstall: build in the staged folder as it is (production tree already in place, no network).
    // skipValidation: the style checks need Zapier's servers; `npm test` runs `validate --without-style`.
    // checkOutdated: false: no update check against the npm registry.
    await buildAndOrUpload(
      { build: true },
      { skipDepInstall: true, skipValidation: true, checkOutdated: false, printProgress: false },
    );
    fs.mkdirSync(path.join(root, 'build'), { recursive: true });
    for (const name of ['build.zip', 'source.zip']) {
      fs.copyFileSync(path.join(dir, 'build', name), path.join(root, 'build', name));
    }
  } finally {
    process.chdir(root);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const bytes = fs.statSync(path.join(root, 'build', 'build.zip')).size;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `build/build.zip: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB, budget ` +
      `${BUDGET_BYTES / 1024 / 1024} MB); Testing build passed; ${secs} s`,
  );
  if (bytes > BUDGET_BYTES) {
    throw new Error(
      `build/build.zip is over the ${BUDGET_BYTES} byte budget: check what index.js now reaches`,
    );
  }
}

main().catch((error) => {
  console.error(`build:zip failed: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
