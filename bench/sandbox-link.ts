/**
 * The sandbox business as the benchmark drives it, in one of two places:
 *
 * - `sandboxProcess()`: in a child process (./sandbox-process.ts), what `npm run bench` uses, so the
 *   bench process's CPU time and memory are the app's (and core's), not the sandbox's answering;
 * - `sandboxInProcess()`: in this process, for the smoke spec (jest runs TypeScript, not a forked file).
 *
 * Either way the app reaches it over loopback HTTP; the benchmark asks it for counts between runs only.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { type RequestRecord, Sandbox } from '../sandbox/server';
import { addMoveIns, type MoveInIds, seededIds, type SeedIds } from './records';

export type Command =
  | { op: 'describe' }
  | { op: 'requestCount' }
  | { op: 'requestsSince'; from: number }
  | { op: 'connections' }
  | { op: 'latency'; ms: number }
  | { op: 'moveIns'; count: number; jobBytes: number };

export interface SandboxFacts {
  port: number;
  apiUrl: string;
  authData: Record<string, string>;
  signingSecret: string;
  seeded: SeedIds;
}

/** What a command answers, run against a sandbox in this process. */
export function answer(sandbox: Sandbox, command: Command): unknown {
  switch (command.op) {
    case 'describe':
      return {
        port: sandbox.port,
        apiUrl: sandbox.apiUrl,
        authData: sandbox.authData(),
        signingSecret: sandbox.signingSecret,
        seeded: seededIds(sandbox),
      } satisfies SandboxFacts;
    case 'requestCount':
      return sandbox.requests.length;
    case 'requestsSince':
      return sandbox.requestsSince(command.from);
    case 'connections':
      return sandbox.connections;
    case 'latency':
      sandbox.latencyMs = command.ms;
      return null;
    case 'moveIns':
      return addMoveIns(sandbox, command.count, command.jobBytes);
  }
}

export interface BenchSandbox extends SandboxFacts {
  /** where it runs: "child process" or "this process" */
  readonly where: string;
  requestCount(): Promise<number>;
  requestsSince(from: number): Promise<RequestRecord[]>;
  /** TCP connections the sandbox accepted so far */
  connections(): Promise<number>;
  /** every answer waits this long from now on */
  setLatency(ms: number): Promise<void>;
  addMoveIns(count: number, jobBytes: number): Promise<MoveInIds[]>;
  stop(): Promise<void>;
}

function link(
  where: string,
  facts: SandboxFacts,
  ask: (command: Command) => Promise<unknown>,
  stop: () => Promise<void>,
): BenchSandbox {
  return {
    ...facts,
    where,
    requestCount: () => ask({ op: 'requestCount' }) as Promise<number>,
    requestsSince: (from) => ask({ op: 'requestsSince', from }) as Promise<RequestRecord[]>,
    connections: () => ask({ op: 'connections' }) as Promise<number>,
    setLatency: async (ms) => void (await ask({ op: 'latency', ms })),
    addMoveIns: (count, jobBytes) => ask({ op: 'moveIns', count, jobBytes }) as Promise<MoveInIds[]>,
    stop,
  };
}

export async function sandboxInProcess(): Promise<BenchSandbox> {
  const sandbox = await new Sandbox().start();
  const ask = async (command: Command) => answer(sandbox, command);
  return link('this process', (await ask({ op: 'describe' })) as SandboxFacts, ask, () => sandbox.stop());
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** A sandbox in a child process (the compiled ./sandbox-process.js beside this file). */
export async function sandboxProcess(): Promise<BenchSandbox> {
  const child: ChildProcess = fork(path.join(__dirname, 'sandbox-process.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`sandbox process: ${message.error}`));
    else waiter?.resolve(message.result);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the sandbox process exited (${code})`));
    pending.clear();
  });
  const ask = (command: Command) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect(); // the child stops its sandbox and exits when its channel closes
    });
  return link('child process', (await ask({ op: 'describe' })) as SandboxFacts, ask, stop);
}
