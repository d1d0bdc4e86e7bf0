// Under a load beyond the cores, Slack's acknowledgements come first: `npm start` runs the bot's
// work at a lower priority than the other threads it started, the front door's among them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBot, startBotProcess } from '../support/bot-process.js';
import { DESK_CHANNEL } from '../support/test-bot.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

/** A thread's nice value, from /proc (Linux): the 19th field of its stat line. */
function niceOf(pid: number, thread: string): number {
  const afterName = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!;
  return Number(afterName.split(' ')[16]);
}

describe('the bot process', () => {
  it('runs its work thread at a lower priority than the front door', async (context) => {
    // Linux only (per-thread priorities, /proc), and once: it does not depend on the database.
    if (!existsSync('/proc/self/task') || process.env.TEST_DB === 'postgres') context.skip();
    buildBot();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'itsm-priority-'));
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const { child } = await startBotProcess(stops, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'priority-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      SERVICE_DESK_CHANNEL: DESK_CHANNEL,
      DATA_DIR: dataDir,
      PORT: '0',
    });
    const pid = child.pid!;
    // The threads started before run as the process was started (at 0, unless it was started lower).
    const started = Math.min(...readdirSync(`/proc/${pid}/task`).filter((thread) => thread !== String(pid)).map((thread) => niceOf(pid, thread)));
    await expect.poll(() => niceOf(pid, String(pid))).toBe(Math.min(19, started + 5));
  }, 60_000);
});
