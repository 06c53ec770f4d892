#!/usr/bin/env node
// `npm run time:test`: runs the README's test command (`npm test`) once and prints its wall time, with the
// machine's load so a figure from a busy box is not mistaken for the project's (goal: <= 20 s on a quiet
// 2-core machine). A measurement, not a test: nothing here fails on time.
'use strict';
const { spawnSync } = require('node:child_process');
const os = require('node:os');

const fs = require('node:fs');

// CPU seconds (user + sys) of the finished children, from /proc where there is one: on a busy shared box this
// is the steadier figure; wall on a quiet 2-core box is roughly the serial part plus half of jest's share.
const childCpu = () => {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
};
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const before = load();
const started = process.hrtime.bigint();
const run = spawnSync('npm', ['test', '--silent'], { stdio: ['ignore', 'inherit', 'inherit'] });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = childCpu();
const cpuText = Number.isNaN(cpu) ? '?' : cpu.toFixed(1);
console.log(
  `npm test: ${seconds.toFixed(1)} s wall, ${cpuText} s CPU, exit ${run.status}; ` +
    `${os.availableParallelism()} cores, ` +
    `load average ${before} before, ${load()} after`,
);
process.exit(run.status ?? 1);
