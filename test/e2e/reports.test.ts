// Service reports end to end: the monthly and weekly reports and the daily digest on their schedule,
// each once per period however many ticks and instances; charts uploaded as PNGs into the report's
// thread; `/itsm report week|month [export]` on demand, with CSV tables on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { openForm, pressInDm, pressOnCard, reportIncident, responseTo, settle, submitForm } from '../support/incident-flows.js';
import type { FakeSlack } from '../support/fake-slack.js';
import { pngSize } from '../support/png.js';
import { recordProblem } from '../support/problem-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, testSettings, type TestBot } from '../support/test-bot.js';
import { useInstancesOnServer } from '../support/instances.js';

const REPORTS_CHANNEL = 'C0REPORTS';
const MINUTE = 60_000;
/** Shanghai wall-clock time, the desk's time zone. */
const shanghai = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const clock = new ManualClock(shanghai('2026-02-03 10:00'));
const settings = () => testSettings({ reports: { channel: REPORTS_CHANNEL, dailyDigestAt: '09:00', weeklyOn: 1, monthlyOn: 1, sendAt: '09:00', satisfactionTarget: 85, availabilityTarget: 99.9, trendPeriods: 6 } });
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock, settings: settings() });
});
afterAll(async () => t.stop());

interface Uploaded {
  filename: string;
  bytes: Buffer;
  channel: string;
  threadTs: string;
}

/** The files uploaded so far: the upload URL asked for, the bytes sent there, and where they were shared. */
function uploads(fake: FakeSlack): Uploaded[] {
  return fake.callsTo('files.getUploadURLExternal').map((call) => {
    const fileId = String(call.answer?.file_id);
    const bytes = fake.callsTo('file_upload').find((upload) => upload.args.fileId === fileId)?.args.body;
    const shared = fake.callsTo('files.completeUploadExternal').find((complete) => JSON.stringify(complete.args.files).includes(`"${fileId}"`));
    return { filename: String(call.args.filename), bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.alloc(0), channel: String(shared?.args.channel_id), threadTs: String(shared?.args.thread_ts) };
  });
}

const postsTo = (fake: FakeSlack, channel: string, header: string) => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel && String(call.args.text).startsWith(header));
const textOf = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks);

async function itsm(text: string, userId: string): Promise<string> {
  const id = `report-${text.replace(/\W+/g, '-')}-${userId}`;
  await t.slack.slashCommand({ command: '/itsm', text, userId, responseUrl: t.fake.responseUrl(id) });
  return String((await responseTo(t, id)).args.text);
}

describe('a month of work', () => {
  it('is recorded: one incident answered, resolved, confirmed and rated; one left untouched', async () => {
    const answered = await reportIncident(t, 'The plotter prints blank pages');
    clock.advance(30 * MINUTE);
    await pressOnCard(t, answered, 'incident.take', PEOPLE.agent);
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number: answered } })).state).toBe('in_progress');
    await settle(t);
    clock.advance(60 * MINUTE);
    const form = await openForm(t, answered, 'resolve', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'New toner' } }));
    await settle(t);
    await pressInDm(t, PEOPLE.reporter, 'incident.fixed_yes');
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number: answered } })).state).toBe('closed');
    await settle(t);
    await pressInDm(t, PEOPLE.reporter, 'incident.rate.satisfied');
    await expect.poll(() => t.bot.db.prisma.satisfactionSurvey.count()).toBe(1);
    await reportIncident(t, 'The scanner on floor 2 is offline');
    expect(await t.bot.db.prisma.incident.count()).toBe(2);
    await recordProblem(t, PEOPLE.agent, { title: 'Printers drop jobs after a toner change' });
  });
});

describe('the monthly service report', () => {
  it('is not due before its time', async () => {
    clock.set(shanghai('2026-03-01 08:55'));
    expect(await t.bot.scheduler.tick('reports.monthly')).toBe(false);
    expect(await t.bot.db.prisma.jobRun.count({ where: { job: 'reports.monthly' } })).toBe(0);
  });

  it('goes once to the reports channel: two ticks at once, a second instance, and a later tick in the same month', async () => {
    clock.set(shanghai('2026-03-01 09:00'));
    const secondInstance = new JobScheduler(t.bot.db, clock, createLogger('silent'));
    for (const job of t.bot.scheduler.list()) secondInstance.add(job);
    const runs = await Promise.all([t.bot.scheduler.tick('reports.monthly'), t.bot.scheduler.tick('reports.monthly'), secondInstance.tick('reports.monthly')]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    clock.advance(10 * MINUTE);
    expect(await t.bot.scheduler.tick('reports.monthly')).toBe(false);
    expect(await secondInstance.tick('reports.monthly')).toBe(false);
    await settle(t);
    expect(postsTo(t.fake, REPORTS_CHANNEL, 'Monthly service report · 2026-02')).toHaveLength(1);
  });

  it('gives the month’s figures', async () => {
    const report = textOf(postsTo(t.fake, REPORTS_CHANNEL, 'Monthly service report')[0]!);
    // Two P3 incidents opened (the default impact and urgency). The first, opened Tuesday 3 February
    // 10:00, was answered after 30 min and resolved 1 h 30 min after it was opened (desk hours
    // 08:30–17:30). The second, opened 11:30, is untouched: its 4-hour response target ran out at
    // 15:30 (07:30Z); its 24-hour resolution target after 6 h that day, 9 h on the 4th and 9 h on
    // the 5th, at 17:30 (09:30Z) on the 5th.
    expect(report).toContain('Incidents opened: *2* (P1 0 · P2 0 · P3 2 · P4 0); duplicates merged: 0');
    expect(report).toContain('Mean time to acknowledge: 30 min elapsed, 30 min in business hours (over 1 incidents)');
    expect(report).toContain('Mean time to resolve: 1 h 30 min elapsed, 1 h 30 min in business hours (over 1 incidents)');
    expect(report).toContain('• P3: response 50.0 % (1 of 2) · resolution 50.0 % (1 of 2)');
    expect(report).toMatch(/SLA breaches\* \(2\)\\n• INC-000002 \(P3\) The scanner on floor 2 is offline: response due <!date\^\d+\^[^|]+\|2026-02-03T07:30:00.000Z>, still open\\n• INC-000002 \(P3\) The scanner on floor 2 is offline: resolution due <!date\^\d+\^[^|]+\|2026-02-05T09:30:00.000Z>, still open/);
    expect(report).toContain('Satisfaction rate 100.0 % of 1 answers: target met');
    expect(report).toContain('Problems opened: 1 · known errors added: 0');
    expect(report).toContain('No outages in this period.');
  });

  it('carries its charts as 800 × 400 PNG files in its thread', async () => {
    const posted = postsTo(t.fake, REPORTS_CHANNEL, 'Monthly service report')[0]!;
    const files = uploads(t.fake).filter((file) => file.filename.endsWith('month-2026-02.png'));
    expect(files.map((file) => file.filename)).toEqual(['sla-attainment-month-2026-02.png', 'incidents-by-priority-month-2026-02.png']);
    for (const file of files) {
      expect(pngSize(file.bytes)).toEqual({ width: 800, height: 400 });
      expect(file).toMatchObject({ channel: REPORTS_CHANNEL, threadTs: String(posted.answer?.ts) });
    }
  });
});

describe('the weekly report and the daily digest', () => {
  it('send the week before Monday once, and the digest of open incidents once a day', async () => {
    clock.set(shanghai('2026-03-02 09:00'));
    expect(await t.bot.scheduler.tick('reports.weekly')).toBe(true);
    expect(await t.bot.scheduler.tick('reports.weekly')).toBe(false);
    const [first, second] = await Promise.all([t.bot.scheduler.tick('reports.daily_digest'), t.bot.scheduler.tick('reports.daily_digest')]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    await settle(t);
    const weekly = postsTo(t.fake, REPORTS_CHANNEL, 'Weekly service report · 2026-02-23 – 2026-03-01');
    expect(weekly).toHaveLength(1);
    expect(textOf(weekly[0]!)).toContain('Incidents opened: *0*');
    const digests = postsTo(t.fake, DESK_CHANNEL, 'Daily digest · 2026-03-02');
    expect(digests).toHaveLength(1);
    expect(textOf(digests[0]!)).toContain('Open incidents: *1* (P1 0 · P2 0 · P3 1 · P4 0); nobody has *1* of them.');
    expect(textOf(digests[0]!)).toMatch(/Past their deadline\* \(1\)\\n• INC-000002 \(P3\) The scanner on floor 2 is offline: response due/);

    clock.advance(4 * 60 * MINUTE);
    expect(await t.bot.scheduler.tick('reports.daily_digest')).toBe(false);
    clock.set(shanghai('2026-03-03 09:05'));
    expect(await t.bot.scheduler.tick('reports.daily_digest')).toBe(true);
  });
});

describe('/itsm report', () => {
  it('sends the last whole month to the person who asked, with charts in its thread', async () => {
    const before = uploads(t.fake).length;
    expect(await itsm('report month', PEOPLE.agent)).toBe('Your report for 2026-02 is on its way to your direct messages with the bot.');
    await settle(t);
    const dm = postsTo(t.fake, PEOPLE.agent, 'Monthly service report · 2026-02');
    expect(dm).toHaveLength(1);
    const files = uploads(t.fake).slice(before);
    expect(files.map((file) => file.filename)).toEqual(['sla-attainment-month-2026-02.png', 'incidents-by-priority-month-2026-02.png']);
    expect(files.every((file) => file.channel === String(dm[0]!.answer?.channel) && file.threadTs === String(dm[0]!.answer?.ts))).toBe(true);
    expect(files.every((file) => pngSize(file.bytes).width === 800)).toBe(true);
  });

  it('adds the tables as CSV files with export', async () => {
    const before = uploads(t.fake).length;
    expect(await itsm('report week export', PEOPLE.manager)).toBe('Your report for 2026-02-23 – 2026-03-01, with its tables as CSV files, is on its way to your direct messages with the bot.');
    await settle(t);
    const files = uploads(t.fake).slice(before);
    const csv = files.filter((file) => file.filename.endsWith('.csv')).map((file) => file.filename);
    expect(files).toHaveLength(2 + 11);
    expect(csv).toContain('sla-week-2026-02-23.csv');
    expect(csv).toContain('trend-week-2026-02-23.csv');
    const trend = files.find((file) => file.filename === 'trend-week-2026-02-23.csv')!.bytes.toString('utf8').split('\r\n');
    expect(trend[0]).toBe('period,opened,opened_p1,opened_p2,opened_p3,opened_p4,response_met,response_breached,resolution_met,resolution_breached');
    // Six weeks back to the one of 19 January. The week of 2 February: both incidents opened, each
    // target met once (the first incident) and breached once (the second).
    expect(trend.find((line) => line.startsWith('2026-02-02,'))).toBe('2026-02-02,2,0,0,2,0,1,1,1,1');
    expect(trend).toHaveLength(1 + 6 + 1);
  });

  it('is for the desk and the managers only, and explains itself', async () => {
    expect(await itsm('report month', PEOPLE.outsider)).toBe('Service reports are for the service desk, its engineers and IT managers.');
    expect(await itsm('report year', PEOPLE.agent)).toContain('Use `/itsm report week` or `/itsm report month`');
  });
});

describe('two instances on one PostgreSQL server', () => {
  const shared = new ManualClock(shanghai('2026-04-01 09:00'));
  const world = useInstancesOnServer(2, { clock: shared, settings });

  it('send the monthly report once when both tick at the same moment', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // PGlite: one process per database (the second scheduler above stands in)
    const runs = await Promise.all(world.bots.flatMap((each) => [each.bot.scheduler.tick('reports.monthly'), each.bot.scheduler.tick('reports.monthly')]));
    expect(runs.filter(Boolean)).toHaveLength(1);
    await Promise.all(world.bots.map((each) => each.bot.worker.deliverDue()));
    await settle(world.bots[0]!);
    expect(postsTo(world.fake, REPORTS_CHANNEL, 'Monthly service report · 2026-03')).toHaveLength(1);
    expect(uploads(world.fake).filter((file) => file.filename.endsWith('.png'))).toHaveLength(2);
  });
});
