// The transaction queue: arrival order, a fixed number at once, and a clear refusal past its bound.
import { describe, expect, it } from 'vitest';
import { BusyError, transactionQueue } from '../../src/db/work-queue.js';

function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('the transaction queue', () => {
  it('runs as many at once as there are connections, the rest in the order they came', async () => {
    const queue = transactionQueue(2, 10);
    const release = gate();
    const started: number[] = [];
    const runs = [1, 2, 3, 4].map((n) =>
      queue.run(async () => {
        started.push(n);
        await release.opened;
        return n;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([1, 2]);
    release.open();
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4]);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('refuses new work while the bound is reached, never runs what it refused, and takes work again once it drains', async () => {
    const queue = transactionQueue(1, 2);
    const release = gate();
    const ran: string[] = [];
    const work = (name: string) => async () => {
      ran.push(name);
      await release.opened;
    };
    const accepted = [queue.run(work('running')), queue.run(work('waiting 1')), queue.run(work('waiting 2'))];
    await expect(queue.run(work('refused'))).rejects.toBeInstanceOf(BusyError);
    release.open();
    await Promise.all(accepted);
    await queue.run(work('later'));
    expect(ran).toEqual(['running', 'waiting 1', 'waiting 2', 'later']);
  });

  it('on close, finishes the work it accepted and refuses new work', async () => {
    const queue = transactionQueue(1, 10);
    const release = gate();
    const done: string[] = [];
    const accepted = ['running', 'waiting'].map((name) =>
      queue.run(async () => {
        await release.opened;
        done.push(name);
      }),
    );
    const closed = queue.close();
    await expect(queue.run(async () => done.push('after close'))).rejects.toBeInstanceOf(BusyError);
    release.open();
    await closed;
    expect(done).toEqual(['running', 'waiting']);
    await Promise.all(accepted);
  });
});
