// The bot token and the signing secret never reach the logs, even at debug level and on errors.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { reportIncident, settle } from '../support/incident-flows.js';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET, startTestBot, type TestBot } from '../support/test-bot.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ logger: createLogger('debug', sink) });
});
afterAll(async () => t.stop());

describe('logs', () => {
  it('carry what happened but never the token or the signing secret', async () => {
    await reportIncident(t, 'Logging check', PEOPLE.reporter);
    t.fake.failNext('chat.postMessage', 2, { status: 500 });
    t.fake.failNext('users.info', 1, { error: 'user_not_found' });
    await t.slack.slashCommand({ command: '/incident', text: 'Second one', userId: 'U0NEWUSER' });
    await t.slack.raw({ body: 'command=%2Fincident&text=forged', contentType: 'application/x-www-form-urlencoded', signature: 'v0=bad' });
    await t.bot.worker.deliverDue();
    await settle(t).catch(() => undefined);
    const logs = lines.join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
