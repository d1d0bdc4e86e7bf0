// /oncall and the handoff announcements, with a controlled clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { responseTo, settle } from '../support/incident-flows.js';
import { command } from '../support/problem-flows.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, testSettings, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026, 08:00 in Shanghai (00:00Z); the rotation hands over daily at 09:00 (01:00Z).
const clock = new ManualClock(new Date('2026-03-02T00:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  const settings = testSettings({
    oncall: {
      rotations: [
        { team: 'second_line', cadence: 'daily', handoffAt: '09:00', handoffWeekday: 1, timeZone: 'Asia/Shanghai', startsOn: '2026-03-02', members: ['U0ANNA', 'U0BORIS'], leads: [PEOPLE.manager] },
      ],
      overrides: [],
    },
  });
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

async function oncall(text: string) {
  return (await command(t, '/oncall', text, PEOPLE.reporter)).text;
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

describe('/oncall override', () => {
  let answers = 0;
  async function override(text: string, userId: string): Promise<string> {
    const id = `override-${++answers}`;
    await t.slack.slashCommand({ command: '/oncall', text: `override ${text}`, userId, responseUrl: t.fake.responseUrl(id) });
    return String((await responseTo(t, id)).args.text);
  }
  const overridesStored = () => t.bot.db.prisma.onCallOverride.count();

  it('refuses someone who is not a lead of the team, and records nothing', async () => {
    expect(await override('second_line <@U0DAVE|dave> 2026-03-06 09:00 2026-03-07 09:00', PEOPLE.agent)).toBe('Only the leads of *Second line* and admins may set on-call overrides.');
    expect(await overridesStored()).toBe(0);
  });

  it('explains the syntax, unreadable dates and windows already over', async () => {
    expect(await override('dave tomorrow', PEOPLE.manager)).toMatch(/^To put someone on call for a while: `\/oncall override \[team\] @person <from> <to>`/);
    expect(await override('<@U0DAVE|dave> 2026-02-30 09:00 2026-03-07 09:00', PEOPLE.manager)).toBe('I could not read `2026-02-30 09:00` as a date. Write `YYYY-MM-DD HH:mm`, for example `2026-12-24 18:00`.');
    expect(await override('<@U0DAVE|dave> 2026-03-01 09:00 2026-03-02 09:00', PEOPLE.manager)).toBe('That window is already over. Give one that ends in the future.');
    expect(await override('network <@U0DAVE|dave> 2026-03-06 09:00 2026-03-07 09:00', PEOPLE.manager)).toBe('There is no rotation for `network`. Teams: second_line.');
    expect(await overridesStored()).toBe(0);
  });

  it('puts the person on call for the window in the team\'s time zone, tells the team, audits it and hands over to them', async () => {
    clock.set(new Date('2026-03-05T12:00:00Z'));
    // Dave covers Friday 6 March 09:00 to Saturday 09:00 Shanghai time (01:00Z to 01:00Z), Anna's shift.
    expect(await override('<@U0DAVE|dave>  2026-03-06 09:00   2026-03-07 09:00', PEOPLE.manager)).toBe(
      ':white_check_mark: <@U0DAVE> is on call for *Second line* from <!date^1772758800^{date_short_pretty} {time}|2026-03-06T01:00:00.000Z> to <!date^1772845200^{date_short_pretty} {time}|2026-03-07T01:00:00.000Z>.',
    );
    await settle(t);
    const posts = t.fake.callsTo('chat.postMessage').map((call) => [call.args.channel, String(call.args.text)] as const);
    expect(posts.filter(([, text]) => text.includes('in place of the rotation'))).toEqual([
      [DESK_CHANNEL, expect.stringMatching(/^:pager: <@U0MANAGER> put <@U0DAVE> on call for \*Second line\* from /)],
    ]);
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordType: 'oncall_override' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: PEOPLE.manager, action: 'override_set', toValue: 'U0DAVE', details: { from: '2026-03-06T01:00:00.000Z', to: '2026-03-07T01:00:00.000Z' } })]);

    clock.set(new Date('2026-03-06T01:02:00Z'));
    await t.bot.scheduler.tick('oncall.handoffs');
    await settle(t);
    const handoffs = t.fake.callsTo('chat.postMessage').map((call) => String(call.args.text)).filter((text) => text.includes('takes over'));
    expect(handoffs.at(-1)).toMatch(/^:pager: On call for \*Second line\*: <@U0DAVE> takes over from <@U0BORIS> until /);
    expect(await oncall('')).toMatch(/^\*On call now\*\n\*Second line\*: <@U0DAVE> until <!date\^1772845200\^.*> \(override\), then <@U0BORIS>$/);
  });
});
