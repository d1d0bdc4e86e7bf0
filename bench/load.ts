// An open-loop load generator: sends signed slash commands at a fixed rate (whether or not earlier
// ones have been answered, as Slack does) and records each acknowledgement's latency.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadRun {
  /** Milliseconds from sending to the acknowledgement, for every answered request. */
  latencies: number[];
  /** Requests answered with a status other than 200, or not answered. */
  errors: number;
  /** When each command was sent (epoch ms), by its marker, for matching deliveries. */
  sentAt: Map<string, number>;
}

export interface LoadOptions {
  url: string;
  signingSecret: string;
  ratePerSecond: number;
  seconds: number;
  /** Prefix of the text of each command; a counter makes each unique (the marker). */
  label: string;
  /** Where the bot answers each command privately (the fake Slack's response URLs). */
  responseUrl: string;
  /** Sends `/incident <this>` instead of reporting an incident (`list mine`, say). */
  commandText?: string;
}

function signedCommand(secret: string, text: string, sequence: number, responseUrl: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'bench',
    team_id: 'T0001',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: `U0BENCH${sequence % 20}`,
    user_name: 'bench',
    command: '/incident',
    text,
    api_app_id: 'A0BENCH',
    response_url: responseUrl,
    trigger_id: `bench.${sequence}.${Date.now()}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature } };
}

export async function runFixedRate(options: LoadOptions): Promise<LoadRun> {
  const total = Math.round(options.ratePerSecond * options.seconds);
  const intervalMs = 1000 / options.ratePerSecond;
  const run: LoadRun = { latencies: [], errors: 0, sentAt: new Map() };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let sequence = 0; sequence < total; sequence += 1) {
    // Keep to the schedule: late sends go at once, so the rate holds on average.
    const due = started + sequence * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const marker = `${options.label}-${sequence}`;
    const request = signedCommand(options.signingSecret, options.commandText ?? `${marker} printer jammed`, sequence, options.responseUrl);
    const sentAt = performance.now();
    run.sentAt.set(marker, Date.now());
    inFlight.push(
      fetch(options.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status === 200) run.latencies.push(performance.now() - sentAt);
          else run.errors += 1;
        })
        .catch(() => {
          run.errors += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  return run;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
