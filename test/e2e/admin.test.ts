// `/itsm admin`: admins see and change who holds which role (audited, effective at once), and see
// and retry the messages Slack refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseTo, settle } from '../support/incident-flows.js';
import { CHANGE_PEOPLE, changeSettings } from '../support/change-flows.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const ADMIN = 'U0ADMIN';
const NEWCOMER = 'U0NEWCM';
let t: TestBot;
beforeAll(async () => {
  const settings = changeSettings();
  settings.roles.admin = { users: [ADMIN], usergroups: [] };
  t = await startTestBot({ settings });
});
afterAll(async () => t.stop());

let answers = 0;
async function command(name: string, text: string, userId: string): Promise<{ text: string; blocks: unknown }> {
  const id = `admin-${++answers}`;
  await t.slack.slashCommand({ command: name, text, userId, responseUrl: t.fake.responseUrl(id) });
  const answer = await responseTo(t, id);
  return { text: String(answer.args.text), blocks: answer.args.blocks };
}
const admin = (text: string, userId = ADMIN) => command('/itsm', `admin ${text}`, userId);

describe('/itsm admin roles', () => {
  it('is for admins only', async () => {
    expect((await admin('roles', PEOPLE.agent)).text).toBe('Only admins may do that.');
    expect((await admin(`grant change_manager <@${PEOPLE.agent}|agent>`, PEOPLE.agent)).text).toBe('Only admins may do that.');
  });

  it('shows the mapping, grants a role that takes effect at once, and revokes it; each change audited', async () => {
    const mapping = (await admin('roles')).text;
    expect(mapping).toContain(`*Change managers* (\`change_manager\`): <@${CHANGE_PEOPLE.changeManager}>`);
    // Before the grant the newcomer may not plan releases.
    expect((await command('/change', 'release', NEWCOMER)).text).toBe("You're not allowed to do that on this ticket.");

    expect((await admin(`grant change_manager <@${NEWCOMER}|newcomer>`)).text).toBe(`:white_check_mark: <@${NEWCOMER}> now holds the role Change managers.`);
    expect((await admin(`grant change_manager <@${NEWCOMER}|newcomer>`)).text).toBe('That has already been done.');
    expect((await admin('roles')).text).toContain(`<@${NEWCOMER}> (granted)`);
    const opened = t.fake.callsTo('views.open').length;
    await t.slack.slashCommand({ command: '/change', text: 'release', userId: NEWCOMER, responseUrl: t.fake.responseUrl() });
    await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);

    expect((await admin(`revoke change_manager <@${CHANGE_PEOPLE.changeManager}|cm>`)).text).toBe('That person holds change_manager through the settings file; change it there.');
    expect((await admin(`revoke change_manager <@${NEWCOMER}|newcomer>`)).text).toBe(`:white_check_mark: <@${NEWCOMER}> no longer holds the role Change managers.`);
    expect((await command('/change', 'release', NEWCOMER)).text).toBe("You're not allowed to do that on this ticket.");

    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordType: 'settings', recordNumber: 'roles' }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.actorId, entry.action, entry.field, entry.toValue])).toEqual([
      [ADMIN, 'role_granted', 'change_manager', NEWCOMER],
      [ADMIN, 'role_revoked', 'change_manager', NEWCOMER],
    ]);
  });

  it('explains the commands when it does not understand', async () => {
    expect((await admin('grant wizard <@U0X|x>')).text).toMatch(/^Use `\/itsm admin roles`/);
  });
});

describe('/itsm admin dead-letters', () => {
  it('lists what Slack refused, and delivers it again on Retry all', async () => {
    expect((await admin('dead-letters')).text).toBe('No dead letters: every message was delivered.');
    t.fake.failNext('chat.postMessage', 1, { error: 'channel_not_found' });
    await t.slack.slashCommand({ command: '/incident', text: 'Scanner offline', userId: PEOPLE.reporter });
    await expect.poll(() => t.bot.db.prisma.outboxMessage.count({ where: { status: 'dead' } })).toBe(1);
    await settle(t);
    const listed = await admin('dead-letters');
    expect(listed.text).toMatch(/^\*Dead letters \(the newest 1\)\*\n`\d+` post · incident:1 · 1 attempts · An API error occurred: channel_not_found$/);

    const button = (listed.blocks as { elements?: { action_id: string }[] }[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id === 'admin.retry_dead_letters');
    expect(button).toBeDefined();
    const cards = () => t.fake.callsTo('chat.postMessage').filter((call) => !call.failed && call.args.channel === DESK_CHANNEL && String(call.args.text).startsWith('INC-000001'));
    expect(cards()).toHaveLength(0);
    await t.slack.blockAction({ userId: ADMIN, actionId: 'admin.retry_dead_letters', blockId: 'admin.dead_letters', value: 'all', responseUrl: t.fake.responseUrl('retry') });
    expect((await responseTo(t, 'retry')).args.text).toBe('1 message(s) queued again for delivery.');
    await settle(t);
    expect(cards()).toHaveLength(1);
    expect((await admin('dead-letters')).text).toBe('No dead letters: every message was delivered.');
  });
});
