// Planned maintenance through the signed-request harness, with a controlled clock: a plan on an
// item (refused to others, checked on the form), the owner reminded when it is due and the team
// lead told when it is overdue (each once, also with two ticks at once), Postpone and Done, and
// the history on the item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { pressInDm, responseTo, settle } from '../support/incident-flows.js';
import { command, dmsTo, importDirectory, openedView, REQUEST_PEOPLE, requestSettings, submitView } from '../support/request-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const OWNER = 'U0DBA';
const LEAD = 'U0DBHEAD';
const ADMIN = REQUEST_PEOPLE.admin;
// Monday 2 March 2026, 09:00 in Shanghai.
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock, settings: requestSettings() });
});
afterAll(async () => t.stop());

/** The owner's department (with its head) in the directory, and the item in the CMDB. */
async function setUp(): Promise<void> {
  await importDirectory(t, `user_id,name,department,is_head\n${OWNER},Dana DBA,Database team,no\n${LEAD},Lee Lead,Database team,yes\n`);
  const before = t.fake.callsTo('views.open').length;
  await t.slack.slashCommand({ command: '/ci', text: 'import', userId: ADMIN, responseUrl: t.fake.responseUrl() });
  const view = await openedView(t, before);
  await submitView(t, view, ADMIN, { format: { type: 'static_select', value: 'csv' }, text: { type: 'plain_text_input', value: `id,name,type,owner\nERP-DB-01,ERP database,database,${OWNER}\n` } });
  await settle(t);
}

async function openPlanForm(userId: string) {
  const before = t.fake.callsTo('views.open').length;
  await t.slack.slashCommand({ command: '/ci', text: 'plan ERP-DB-01', userId, responseUrl: t.fake.responseUrl() });
  return openedView(t, before);
}
const planFields = (kind: string, extra: Record<string, string | null> = {}) => ({
  title: { type: 'plain_text_input' as const, value: 'Back up the ERP database' },
  owner: { type: 'users_select' as const, value: OWNER },
  kind: { type: 'static_select' as const, value: kind },
  at: { type: 'plain_text_input' as const, value: extra.at ?? null },
  weekday: { type: 'static_select' as const, value: extra.weekday ?? null },
  day: { type: 'plain_text_input' as const, value: extra.day ?? null },
  cron: { type: 'plain_text_input' as const, value: extra.cron ?? null },
});
const tick = async (at: string) => {
  clock.set(new Date(at));
  await Promise.all([t.bot.scheduler.tick('maintenance.reminders'), t.bot.scheduler.tick('maintenance.reminders')]);
  await settle(t);
};
const reminders = (userId: string) => dmsTo(t, userId).filter((text) => text.startsWith(':wrench: Maintenance due'));
const overdue = (userId: string) => dmsTo(t, userId).filter((text) => text.startsWith(':warning: Overdue maintenance'));

describe('planning maintenance', () => {
  it('is for the item’s owner (and admins, change managers), on a checked recurrence', async () => {
    await setUp();
    expect((await command(t, '/ci', 'plan ERP-DB-01', PEOPLE.outsider)).text).toBe('Only the item’s owner, admins and change managers may plan maintenance on it.');
    const form = await openPlanForm(OWNER);
    expect((await submitView(t, form, OWNER, planFields('weekly', { at: '10:00' }))).body).toEqual({ response_action: 'errors', errors: { weekday: 'Please choose one.' } });
    expect((await submitView(t, form, OWNER, planFields('cron', { cron: '61 * * * *' }))).body).toEqual({ response_action: 'errors', errors: { cron: 'Give five fields such as `30 2 * * 1-5` (no seconds, no “#”).' } });
    expect((await submitView(t, form, OWNER, planFields('weekly', { at: '10:00', weekday: '1' }))).body).toBeFalsy();
    await settle(t);
    // Monday 10:00 in Shanghai, an hour from now.
    expect(dmsTo(t, OWNER).at(-1)).toBe(':calendar: <@U0DBA> planned *Back up the ERP database* on ERP-DB-01 (every Monday at 10:00) with you as owner. First due <!date^1772416800^{date_short_pretty} {time}|2026-03-02T02:00:00.000Z>.');
    const cron = await openPlanForm(ADMIN);
    expect((await submitView(t, cron, ADMIN, { ...planFields('cron', { cron: '30 2 * * 1-5' }), title: { type: 'plain_text_input', value: 'Rotate the logs' } })).body).toBeFalsy();
    await settle(t);
    expect(dmsTo(t, OWNER).at(-1)).toContain('*Rotate the logs* on ERP-DB-01 (cron `30 2 * * 1-5`)');
  });
});

describe('reminders', () => {
  it('remind the owner once when due, and tell the team lead once when overdue', async () => {
    await tick('2026-03-02T01:55:00Z');
    expect(reminders(OWNER)).toEqual([]);
    await tick('2026-03-02T02:00:00Z');
    await tick('2026-03-02T02:05:00Z');
    expect(reminders(OWNER)).toEqual([expect.stringContaining('*Back up the ERP database* on ERP-DB-01')]);
    await tick('2026-03-02T18:30:00Z'); // 02:30 Tuesday in Shanghai: the log rotation is due
    expect(reminders(OWNER)).toHaveLength(2);
    expect(overdue(LEAD)).toEqual([]);
    await tick('2026-03-03T02:00:00Z');
    await tick('2026-03-03T02:05:00Z');
    expect(overdue(LEAD)).toEqual([':warning: Overdue maintenance: *Back up the ERP database* on ERP-DB-01, owned by <@U0DBA>, was due <!date^1772416800^{date_short_pretty} {time}|2026-03-02T02:00:00.000Z> and is not done.']);
    expect(overdue(OWNER)).toEqual([]);
  });

  it('are postponed with a reason, come back when due again, and are marked done; the item keeps the history', async () => {
    const backup = t.fake.callsTo('chat.postMessage').find((call) => call.args.channel === OWNER && String(call.args.text).includes('Maintenance due: *Back up'))!;
    const value = JSON.stringify(backup.args.blocks).match(/"value":"(\d+:\d+)"/)?.[1] ?? '';
    const outsider = t.fake.responseUrl('outsider');
    await t.slack.blockAction({ userId: PEOPLE.outsider, actionId: 'maintenance.done', value, responseUrl: outsider, message: { ts: '1.1' } });
    expect((await responseTo(t, 'outsider')).args.text).toBe('Only the owner of this maintenance, their team lead or an admin may do that.');

    clock.set(new Date('2026-03-03T03:00:00Z'));
    const before = t.fake.callsTo('views.open').length;
    await t.slack.blockAction({ userId: OWNER, actionId: 'maintenance.postpone', value, responseUrl: t.fake.responseUrl(), message: { ts: '1.1', text: String(backup.args.text) } });
    const postpone = await openedView(t, before);
    expect((await submitView(t, postpone, OWNER, { days: { type: 'static_select', value: '1' }, reason: { type: 'plain_text_input', value: null } })).body).toEqual({ response_action: 'errors', errors: { reason: 'This is required.' } });
    expect((await submitView(t, postpone, OWNER, { days: { type: 'static_select', value: '1' }, reason: { type: 'plain_text_input', value: 'Backup window moved' } })).body).toBeFalsy();
    await settle(t);
    const updates = t.fake.callsTo('chat.update').map((call) => String(call.args.text));
    expect(updates).toContain(':arrow_right_hook: *Back up the ERP database* on ERP-DB-01: postponed by <@U0DBA> to <!date^1772593200^{date_short_pretty} {time}|2026-03-04T03:00:00.000Z> (“Backup window moved”).');
    expect(updates.filter((text) => text.startsWith(':arrow_right_hook:'))).toHaveLength(2); // the owner's reminder and the lead's notice

    await tick('2026-03-04T02:55:00Z');
    expect(reminders(OWNER).filter((text) => text.includes('Back up'))).toHaveLength(1);
    await tick('2026-03-04T03:00:00Z');
    expect(reminders(OWNER).filter((text) => text.includes('Back up'))).toHaveLength(2);
    clock.set(new Date('2026-03-04T03:10:00Z'));
    await pressInDm(t, OWNER, 'maintenance.done');
    await expect.poll(() => t.fake.callsTo('chat.update').map((call) => String(call.args.text)).filter((text) => text.startsWith(':white_check_mark: *Back up'))).toEqual([
      ':white_check_mark: *Back up the ERP database* on ERP-DB-01: done by <@U0DBA>. Next due <!date^1773021600^{date_short_pretty} {time}|2026-03-09T02:00:00.000Z>.',
    ]);
    const again = t.fake.responseUrl('again');
    await t.slack.blockAction({ userId: OWNER, actionId: 'maintenance.done', value, responseUrl: again, message: { ts: '1.1' } });
    expect((await responseTo(t, 'again')).args.text).toBe('That has already been done.');

    const item = JSON.stringify((await command(t, '/ci', 'ERP-DB-01', PEOPLE.agent)).blocks);
    expect(item).toContain('• Back up the ERP database: every Monday at 10:00, next due <!date^1773021600^');
    expect(item).toContain('✓ Back up the ERP database due <!date^1772593200^');
    expect(item).toContain('↷ Back up the ERP database due <!date^1772416800^');
    expect(item).toContain('(“Backup window moved”)');
    expect(item).toContain('maintenance_done');
  });
});
