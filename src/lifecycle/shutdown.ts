import type { Logger } from '../log.js';

/** Runs `close` but gives up after `timeoutMs`: a stuck apply must not outlive the platform's grace period silently. */
export async function closeWithin(close: () => Promise<void>, timeoutMs: number): Promise<'closed' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  try {
    return await Promise.race([close().then(() => 'closed' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * SIGTERM/SIGINT drain: stop taking turns, let in-flight applies finish, close the store, within `timeoutMs`
 * (exit 0), else exit 1 with a log line. A second signal exits at once.
 */
export function exitOnSignals(opts: { close: () => Promise<void>; timeoutMs: number; log: Logger; exit?: (code: number) => void }): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      opts.log.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    opts.log.info({ signal, timeoutMs: opts.timeoutMs }, 'stopping: no new turns, waiting for in-flight applies');
    closeWithin(opts.close, opts.timeoutMs).then(
      (result) => {
        if (result === 'closed') opts.log.info('stopped');
        else opts.log.error({ timeoutMs: opts.timeoutMs }, 'stop timed out: exiting with work still in flight (apply reconciles on the next start)');
        exit(result === 'closed' ? 0 : 1);
      },
      (err: unknown) => {
        opts.log.error({ err }, 'stop failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
