import { errorFields, logger } from './log';
/** The longest a retry waits. */
const MAX_DELAY_MS = 3_600_000;

/** The delay before attempt `attempts + 1`: `firstMs`, doubled each time, at most an hour. */
export function doublingDelayMs(firstMs: number, attempts: number): number {
  return Math.min(firstMs * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS);
}

/**
 * Runs an outbox's `sendDue` at once and then every `pollMs`, or straight again while `again(tried)` says
 * more is waiting; a failed run is logged as `what` and retried at the next poll. `stop` waits for a run in
 * flight.
 */
export function repeatDispatch(what: string, sendDue: () => Promise<number>, pollMs: number, again: (tried: number) => boolean): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sendDue().then(
        (tried) => loop(again(tried) ? 0 : pollMs),
        (error: Error) => {
          logger('onestop').warn({ error: errorFields(error) }, `${what} failed`);
          loop(pollMs);
        },
      );
    }, delay);
  };
  loop(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
