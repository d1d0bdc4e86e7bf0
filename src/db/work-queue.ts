// Transactions wait their turn here, in arrival order, rather than all at once for a database
// connection: under a burst, a transaction waiting in the pool would fail after its wait limit
// with nothing done, and every waiting one holds memory. Past a bound, new work is refused at once
// with a clear answer, so the bot stays within its memory and the work it accepted gets done.
import pLimit from 'p-limit';

/** Work beyond this many waiting transactions is refused (about 20 seconds of a busy server's work). */
export const MAX_WAITING_TRANSACTIONS = 1000;

/** The bot has more work waiting than it takes on: nothing was done, the user may try again. */
export class BusyError extends Error {
  override readonly name = 'BusyError';

  constructor() {
    super('too many transactions waiting; try again shortly');
  }
}

export function isBusyError(error: unknown): error is BusyError {
  return error instanceof BusyError;
}

export interface TransactionQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Refuses new work and resolves once the work already accepted is done (a graceful stop). */
  close(): Promise<void>;
}

/** Runs at most `connections` transactions at once; refuses work when `maxWaiting` already wait. */
export function transactionQueue(connections: number, maxWaiting = MAX_WAITING_TRANSACTIONS): TransactionQueue {
  const limit = pLimit(connections);
  let closed = false;
  return {
    run: (work) => (closed || limit.pendingCount >= maxWaiting ? Promise.reject(new BusyError()) : limit(work)),
    close: async () => {
      closed = true;
      while (limit.activeCount + limit.pendingCount > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
