/**
 * The benchmark's sandbox business in a process of its own (forked by ./sandbox-link.ts): it answers
 * the app over loopback HTTP and the benchmark's commands over the IPC channel, and stops when the
 * channel closes.
 */
import { Sandbox } from '../sandbox/server';
import { answer, type Command } from './sandbox-link';

// Listening before the sandbox has started: a command sent at once (the first is) waits for it.
const started = new Sandbox().start();

process.on('message', (message: { id: number; command: Command }) => {
  started
    .then((sandbox) => process.send?.({ id: message.id, result: answer(sandbox, message.command) }))
    .catch((err: unknown) =>
      process.send?.({ id: message.id, error: (err as Error)?.message ?? String(err) }),
    );
});
process.on('disconnect', () => void started.then((sandbox) => sandbox.stop()).finally(() => process.exit(0)));
