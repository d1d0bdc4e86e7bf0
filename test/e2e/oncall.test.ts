// /oncall and the handoff announcements, with a controlled clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { settle } from '../support/incident-flows.js';
import { DESK_CHANNEL, startTestBot, testSettings, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026, 08:00 in Shanghai (00:00Z); the rotation hands over daily at 09:00 (01:00Z).
const clock = new ManualClock(new Date('2026-03-02T00:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  const settings = testSettings({
    oncall: {
      rotations: [
        { team: 'second_line', cadence: 'daily', handoffAt: '09:00', handoffWeekday: 1, timeZone: 'Asia/Shanghai', startsOn: '2026-03-02', members: ['U0ANNA', 'U0BORIS'] },
      ],
      overrides: [],
    },
  });
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

async function oncall(text: string) {
  const response = await t.slack.slashCommand({ command: '/oncall', text });
  return String((response.body as { text?: string }).text);
}

describe('/oncall', () => {
  it('says who is on call, until when, and who is next', async () => {
    expect(await oncall('')).toMatch(/^\*On call now\*\n\*Second line\*: <@U0BORIS> until <!date\^1772413200\^.*>, then <@U0ANNA>$/);
  });

  it('answers an unknown team with the teams there are', async () => {
    expect(await oncall('network')).toBe('There is no rotation for `network`. Teams: second_line.');
  });
});

describe('handoff announcements', () => {
  it('announce each handoff once, in the window after it', async () => {
    const announcements = () => t.fake.callsTo('chat.postMessage').filter((call) => String(call.args.text).startsWith(':pager:'));
    clock.set(new Date('2026-03-02T00:59:00Z'));
    await t.bot.scheduler.tick('oncall.handoffs');
    await settle(t);
    expect(announcements()).toHaveLength(0);

    clock.set(new Date('2026-03-02T01:03:00Z'));
    await Promise.all([t.bot.scheduler.tick('oncall.handoffs'), t.bot.scheduler.tick('oncall.handoffs')]);
    await settle(t);
    expect(announcements().map((call) => [call.args.channel, call.args.text])).toEqual([
      [DESK_CHANNEL, expect.stringMatching(/^:pager: On call for \*Second line\*: <@U0ANNA> takes over from <@U0BORIS> until /)],
    ]);

    clock.set(new Date('2026-03-02T01:06:00Z'));
    await t.bot.scheduler.tick('oncall.handoffs');
    await settle(t);
    expect(announcements()).toHaveLength(1);
  });
});

describe('handoff announcements with an override', () => {
  it('name the person who actually takes over, and stay silent when nobody changes', async () => {
    const announcements = () => t.fake.callsTo('chat.postMessage').map((call) => String(call.args.text)).filter((text) => text.startsWith(':pager:'));
    // Carol stands in for the 3 March shift (Boris's) from its handoff at 01:00Z.
    t.settings.oncall.overrides.push({ team: 'second_line', userId: 'U0CAROL', from: new Date('2026-03-03T01:00:00Z'), to: new Date('2026-03-04T03:00:00Z') });
    clock.set(new Date('2026-03-03T01:02:00Z'));
    await t.bot.scheduler.tick('oncall.handoffs');
    await settle(t);
    expect(announcements().at(-1)).toMatch(/^:pager: On call for \*Second line\*: <@U0CAROL> takes over from <@U0ANNA> until /);
    // On 4 March at 01:00Z the rotation hands over, but Carol's override still runs: no one new.
    const before = announcements().length;
    clock.set(new Date('2026-03-04T01:02:00Z'));
    await t.bot.scheduler.tick('oncall.handoffs');
    await settle(t);
    expect(announcements()).toHaveLength(before);
  });
});
