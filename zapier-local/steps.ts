/** Running a sequence of named steps against the sandbox and reporting each (npm start, e2e, workflows). */
import { NotAvailable } from './environment';
import type { Sandbox } from '../sandbox/server';

export interface StepResult {
  n: number;
  name: string;
  ok: boolean;
  detail: string;
  /** Storeganise API requests the step caused. */
  requests: number;
}

export interface LifecycleResult {
  ok: boolean;
  steps: StepResult[];
  /** What the run produced, for tests to look at. */
  context: Record<string, any>;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const errorText = (err: unknown) => {
  const message = (err as Error)?.message ?? String(err);
  try {
    const parsed = JSON.parse(message);
    if (parsed && typeof parsed.message === 'string') return `${(err as Error).name}: ${parsed.message}`;
  } catch {
    /* plain message */
  }
  return `${(err as Error)?.name ?? 'Error'}: ${message}`;
};

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * The step function of a printed run: runs `body` unless an earlier step did not produce what it
 * `needs` (then the step is reported as skipped, a failure), and records what it did and how many
 * Storeganise requests it caused. Shared by the Zap lifecycle and the operators' workflows.
 */
export function stepRunner(
  sandbox: Sandbox,
  ctx: Record<string, any>,
  steps: StepResult[],
  print: (line: string) => void,
  first = 1,
) {
  return async (name: string, needs: string[], body: () => Promise<string>): Promise<void> => {
    const n = first + steps.length;
    const before = sandbox.requests.length;
    let ok = false;
    let detail: string;
    const missing = needs.filter((key) => ctx[key] === undefined);
    if (missing.length) detail = `skipped: an earlier step did not produce ${missing.join(', ')}`;
    else {
      try {
        detail = await body();
        ok = true;
      } catch (err) {
        detail = err instanceof NotAvailable ? err.message : errorText(err);
      }
    }
    const requests = sandbox.requests.length - before;
    steps.push({ n, name, ok, detail, requests });
    const count = requests ? `  [${plural(requests, 'Storeganise request')}]` : '';
    print(`${ok ? '✔' : '✘'} ${String(n).padStart(2)}. ${name}\n      ${detail}${count}`);
  };
}
