import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/slack/channel-pacer.js';

describe('the channel pacer', () => {
  it('lets a burst through, then one message per interval, per channel', () => {
    const pacer = new ChannelPacer({ burst: 2, intervalMs: 1000 });
    expect([pacer.take('C1', 0), pacer.take('C1', 0), pacer.take('C1', 0)]).toEqual([0, 0, 1000]);
    expect(pacer.take('C2', 0)).toBe(0);
    expect(pacer.take('C1', 400)).toBe(600);
    expect(pacer.take('C1', 1000)).toBe(0);
    expect(pacer.take('C1', 1000)).toBe(1000);
    // A quiet spell refills the bucket, up to the burst.
    expect([pacer.take('C1', 10_000), pacer.take('C1', 10_000), pacer.take('C1', 10_000)]).toEqual([0, 0, 1000]);
  });
});
