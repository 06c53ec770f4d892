/**
 * `npm start`: a complete Zap against the local sandbox through the real zapier-platform-core
 * runtime, every step printed. Exits 0 only when every step did what it should. Nothing leaves
 * this machine: the sandbox and the hook receiver listen on 127.0.0.1.
 */
import './strict-runtime';
import { runLifecycle, startEnvironment } from './lifecycle';
import { runWorkflows } from './workflows';

async function main(): Promise<number> {
  const env = await startEnvironment();
  const { sandbox, receiver } = env;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(
    `Storeganise sandbox: business "${sandbox.businessCode}" at ${sandbox.url} (STOREGANISE_API_URL=${sandbox.apiUrl})`,
  );
  print(`Zap hook URL (local stand-in for hooks.zapier.com): ${receiver.url}\n`);
  try {
    const lifecycle = await runLifecycle(env, print);
    // then the operators' workflows (find invoice → payment, CRM look-ups, access codes, move-out)
    const workflows = await runWorkflows(env, print, lifecycle.steps.length + 1);
    const result = { steps: [...lifecycle.steps, ...workflows.steps] };
    const failed = result.steps.filter((s) => !s.ok);
    const requests = result.steps.reduce((sum, s) => sum + s.requests, 0);
    print('');
    print(
      failed.length
        ? `FAILED: ${failed.length} of ${result.steps.length} steps (${failed.map((s) => s.n).join(', ')}).`
        : `OK: all ${result.steps.length} steps passed; ${requests} Storeganise requests, ${sandbox.deliveries.length} webhook deliveries.`,
    );
    return failed.length ? 1 : 0;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`npm start failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
