/**
 * `npm run sandbox`: keeps a sandbox business running for `zapier-platform invoke` and for trying
 * requests by hand, and prints what to put in .env. Ctrl-C stops it.
 *
 *   npm run sandbox                      # a free port
 *   npm run sandbox -- --port 4010       # a fixed port, so .env keeps working across restarts
 *   npm run sandbox -- --fail 429        # answer every request 429 (or 500, 503…) to try error handling
 *   npm run sandbox -- --strict          # ignore list filters and includes Storeganise is not known to have
 */
import { Sandbox } from './server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(option('port') ?? process.env.SANDBOX_PORT ?? 0);
  const fail = option('fail');
  const strict = process.argv.includes('--strict');
  const sandbox = await new Sandbox({
    port,
    strict,
    faults: fail ? { status: Number(fail), retryAfter: 5 } : undefined,
    log: (line) => process.stdout.write(`  ${line}\n`),
  }).start();
  const auth = sandbox.authData();
  process.stdout.write(
    [
      `Storeganise sandbox "${sandbox.businessCode}" listening on ${sandbox.url}` +
        `${strict ? ' (strict: unconfirmed filters and includes ignored)' : ''}` +
        `${fail ? ` (answering every request ${fail})` : ''}`,
      '',
      'Put this in .env, then e.g. `npx zapier-platform invoke auth test`:',
      '',
      `STOREGANISE_API_URL=${sandbox.apiUrl}`,
      `authData_businessCode=${auth.businessCode}`,
      `authData_apiKey=${auth.apiKey}`,
      `authData_webhookSecret=${auth.webhookSecret}`,
      '',
      `Try it: curl -H 'Authorization: ApiKey ${auth.apiKey}' ${sandbox.url}/${sandbox.businessCode}/api/v1/admin/sites`,
      `Create a move-in (announced to registered webhooks): curl -X POST -H 'Authorization: ApiKey ${auth.apiKey}' -H 'Content-Type: application/json' -d '{"type":"unit_moveIn","ownerId":"${sandbox.data.users[0].id}"}' ${sandbox.url}/${sandbox.businessCode}/api/v1/admin/jobs`,
      'Ctrl-C stops the sandbox. Requests:',
      '',
    ].join('\n'),
  );
  const stop = () => {
    sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`sandbox failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
