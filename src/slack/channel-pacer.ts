// Slack allows about one message per second per channel, with short bursts. A token bucket per
// channel keeps the outbox inside that: a message that would exceed it waits for the next token.

export interface PacerOptions {
  /** Messages that may go out at once after a quiet spell. */
  burst: number;
  /** One more message may go out every this many milliseconds. */
  intervalMs: number;
}

export const SLACK_CHANNEL_PACE: PacerOptions = { burst: 4, intervalMs: 1000 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class ChannelPacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: PacerOptions = SLACK_CHANNEL_PACE) {}

  /** Takes a token for `channel` at `now`; returns 0 if one was free, else how long to wait. */
  take(channel: string, now: number): number {
    const bucket = this.refilled(channel, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) * this.options.intervalMs);
  }

  private refilled(channel: string, now: number): Bucket {
    const bucket = this.buckets.get(channel) ?? { tokens: this.options.burst, updatedAt: now };
    const earned = Math.max(0, now - bucket.updatedAt) / this.options.intervalMs;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + earned);
    bucket.updatedAt = now;
    this.buckets.set(channel, bucket);
    return bucket;
  }
}
