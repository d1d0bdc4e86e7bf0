// A burst of reports beyond what the bot takes on at once: every reporter hears back, either that
// the incident is recorded or that the bot is busy and nothing was changed; nothing is half done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../support/incident-flows.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  // One transaction may wait for a connection: a burst of thirty overflows it, on either database.
  t = await startTestBot({ maxWaitingTransactions: 1 });
});
afterAll(async () => t.stop());

const BUSY = 'The bot has more work than it can take on right now, so nothing was changed. Please try again in a minute.';

describe('a burst of reports beyond what the bot takes on', () => {
  it('answers each reporter: recorded, or busy with nothing changed', async () => {
    const reporters = Array.from({ length: 30 }, (_, index) => `U0BURST${index}`);
    const sent = await Promise.all(
      reporters.map((userId, index) => t.slack.slashCommand({ command: '/incident', text: `Burst report ${index}`, userId, responseUrl: t.fake.responseUrl(`burst-${index}`) })),
    );
    expect(sent.map((response) => response.status)).toEqual(reporters.map(() => 200));

    const answers = await Promise.all(reporters.map((_, index) => t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === `burst-${index}`)));
    const texts = answers.map((call) => String(call.args.text));
    const recorded = texts.filter((text) => /^INC-\d+ recorded: \*Burst report \d+\*/.test(text));
    expect(recorded.length + texts.filter((text) => text === BUSY).length).toBe(reporters.length);
    expect(texts).toContain(BUSY);

    await settle(t);
    const incidents = await t.bot.db.prisma.incident.findMany({ orderBy: { id: 'asc' } });
    expect(incidents.map((incident) => incident.title).sort()).toEqual(recorded.map((text) => /\*(Burst report \d+)\*/.exec(text)![1]).sort());
    expect(await t.bot.db.prisma.auditEntry.count({ where: { action: 'created' } })).toBe(recorded.length);
  });
});
