// The CMDB through the signed-request harness: import (YAML) by a change manager, `/ci` with
// relationships both ways, the services that depend on an item and its open records, export as a
// file and the round trip back in (YAML and CSV), type-ahead in the change and incident forms, a
// direct edit refused and audited, and the change whose completion applies the update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, fillForm, press, raiseChange, stateOf, submitRaise } from '../support/change-flows.js';
import { reportIncident, settle } from '../support/incident-flows.js';
import { recordProblem } from '../support/problem-flows.js';
import { command, dmsTo, openedView, submitView } from '../support/request-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock, settings: changeSettings() });
});
afterAll(async () => t.stop());

const MANAGER = CHANGE_PEOPLE.changeManager;
const ITEMS = `items:
  - id: VM-7
    name: VM host 7
    type: server
    location: DC1 rack 4
  - id: erp-db-01
    name: ERP database
    type: database
    owner: U0DBA
    version: "14"
    location: DC1
    services: [ERP]
    runs_on: [VM-7]
  - id: ERP-APP
    name: ERP application
    type: application
    services: [ERP, Payroll]
    depends_on: [ERP-DB-01]
`;

async function importText(format: 'yaml' | 'csv', text: string, userId: string = MANAGER) {
  const before = t.fake.callsTo('views.open').length;
  await t.slack.slashCommand({ command: '/ci', text: 'import', userId, responseUrl: t.fake.responseUrl() });
  const view = await openedView(t, before);
  return submitView(t, view, userId, { format: { type: 'static_select', value: format }, text: { type: 'plain_text_input', value: text } });
}

/** `/ci export <format>`: what the bot answers, the text of the file it uploaded, and where it was shared. */
async function exportAs(format: 'yaml' | 'csv'): Promise<{ answer: string; file: string; complete: Record<string, unknown> }> {
  const uploads = t.fake.callsTo('file_upload').length;
  const answer = await command(t, '/ci', `export ${format}`, PEOPLE.agent);
  await expect.poll(() => t.fake.callsTo('files.completeUploadExternal').length).toBeGreaterThan(uploads);
  const bytes = t.fake.callsTo('file_upload').at(-1)!.args.body;
  return { answer: answer.text, file: Buffer.isBuffer(bytes) ? bytes.toString('utf8') : '', complete: t.fake.callsTo('files.completeUploadExternal').at(-1)!.args };
}

describe('importing the CMDB', () => {
  it('adds items with their relationships, for change managers and admins only', async () => {
    const refused = await importText('yaml', ITEMS, PEOPLE.outsider);
    expect(refused.body).toEqual({ response_action: 'errors', errors: { text: "You're not allowed to do that on this ticket." } });
    const broken = await importText('yaml', 'items:\n  - id: X-1\n    name: X\n    type: server\n    runs_on: [NOWHERE]\n');
    expect(broken.body).toEqual({ response_action: 'errors', errors: { text: 'item/line 1: relationship to an unknown item NOWHERE' } });
    expect((await importText('yaml', ITEMS)).body).toBeFalsy();
    await expect.poll(() => dmsTo(t, MANAGER).at(-1)).toBe(':white_check_mark: CMDB import: 3 new items, 0 already recorded as given.');
  });
});

describe('/ci', () => {
  it('shows an item, its relationships both ways, the services that depend on it and its open records', async () => {
    await reportIncident(t, 'ERP is slow');
    // The report form offers the CMDB picker now that it has items; the reporter picks the database.
    const before = t.fake.callsTo('views.open').length;
    await t.slack.slashCommand({ command: '/incident', userId: PEOPLE.reporter, responseUrl: t.fake.responseUrl() });
    const form = await openedView(t, before);
    expect(form.blocks.map((block) => block.block_id)).toContain('configuration_item');
    await submitView(t, form, PEOPLE.reporter, {
      title: { type: 'plain_text_input', value: 'ERP reports time out' },
      description: { type: 'plain_text_input', value: null },
      impact: { type: 'static_select', value: 'medium' },
      urgency: { type: 'static_select', value: 'medium' },
      service: { type: 'plain_text_input', value: null },
      configuration_item: { type: 'external_select', actionId: 'cmdb.pick', value: 'ERP-DB-01' },
    });
    await expect.poll(() => t.bot.db.prisma.incident.count({ where: { affectedService: 'ERP-DB-01' } })).toBe(1);
    await raiseChange(t, { start: '2026-03-10T02:00:00Z', end: '2026-03-10T03:00:00Z', items: 'ERP-DB-01', title: 'Tune the ERP database' });
    await recordProblem(t, PEOPLE.agent, { title: 'ERP database slows down every Monday', service: 'ERP-DB-01' });

    const shown = await command(t, '/ci', 'erp database', PEOPLE.agent);
    const text = JSON.stringify(shown.blocks);
    expect(text).toContain('ERP-DB-01 · ERP database');
    expect(text).toContain('Runs on: VM-7');
    expect(text).toContain('Depended on by: ERP-APP');
    expect(text).toContain('*Services that depend on it:* ERP, Payroll');
    expect(text).toContain('Affected if it fails: ERP-APP');
    expect(text).toContain('*Open incidents:* INC-000002 ERP reports time out (New)');
    expect(text).toContain('*Open problems:* PRB-000001 ERP database slows down every Monday (New)');
    expect(text).toContain('*Changes:* CHG-000001 Tune the ERP database (Assessment)');
    expect(JSON.stringify((await command(t, '/ci', 'VM-7', PEOPLE.agent)).blocks)).toContain('Hosts: ERP-DB-01');
    // Incidents are the desk's (and their reporters') to see.
    const outside = JSON.stringify((await command(t, '/ci', 'ERP-DB-01', PEOPLE.outsider)).blocks);
    expect(outside).toContain('*Open incidents:* shown to the service desk');
    expect(outside).toContain('*Open problems:* shown to the service desk');
    expect((await command(t, '/ci', 'erp', PEOPLE.agent)).text).toBe('Several configuration items match “erp”:\n• `ERP-APP` ERP application (In use)\n• `ERP-DB-01` ERP database (In use)');
    expect((await command(t, '/ci', 'nothing-like-it', PEOPLE.agent)).text).toBe('No configuration item matches “nothing-like-it”.');
  });

  it('offers items by id or name as the person types', async () => {
    const typed = await t.slack.blockSuggestion({ userId: PEOPLE.agent, actionId: 'cmdb.pick', blockId: 'configuration_items', value: 'erp' });
    expect(typed.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'ERP-APP · ERP application' }, value: 'ERP-APP' }, { text: { type: 'plain_text', text: 'ERP-DB-01 · ERP database' }, value: 'ERP-DB-01' }] });
    const byName = await t.slack.blockSuggestion({ userId: PEOPLE.agent, actionId: 'cmdb.pick', blockId: 'configuration_items', value: 'vm h' });
    expect(byName.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'VM-7 · VM host 7' }, value: 'VM-7' }] });
  });
});

describe('export and import', () => {
  it.each(['yaml', 'csv'] as const)('exports the CMDB as a %s file that imports back unchanged', async (format) => {
    const { answer, file, complete } = await exportAs(format);
    expect(answer).toBe(`I sent you the CMDB as ${format.toUpperCase()} in our direct messages.`);
    expect(complete.channel_id).toBe('D0AGENT');
    expect(JSON.stringify(complete.files)).toContain(`CMDB (${format.toUpperCase()})`);
    expect(file).toContain('ERP-DB-01');
    expect((await importText(format, file)).body).toBeFalsy();
    await expect.poll(() => dmsTo(t, MANAGER).at(-1)).toBe(':white_check_mark: CMDB import: 0 new items, 3 already recorded as given.');
  });

  it('refuses to change an existing item through an import', async () => {
    const csv = (await exportAs('csv')).file.replace('DC1 rack 4', 'DC2');
    expect((await importText('csv', csv)).body).toBeFalsy();
    await expect.poll(() => dmsTo(t, MANAGER).at(-1)).toBe(':white_check_mark: CMDB import: 0 new items, 2 already recorded as given.\n:no_entry: Not changed (existing items change only through a change): VM-7 (location)');
  });
});

describe('changing an item', () => {
  it('refuses a direct edit and records the attempt; a completed change that lists the update applies it', async () => {
    const refused = await command(t, '/ci', 'set ERP-DB-01 version=15', PEOPLE.agent);
    expect(refused.text).toBe('The attributes of ERP-DB-01 change only through a completed change that lists it. Raise a change with `/change` and give the update under "CMDB updates", e.g. `ERP-DB-01 version=…`. (This attempt is recorded in the item’s history.)');
    expect(JSON.stringify((await command(t, '/ci', 'ERP-DB-01', PEOPLE.agent)).blocks)).toContain('<@U0AGENT> · edit_refused · version: — → —');

    const window = { start: '2026-03-12T02:00:00Z', end: '2026-03-12T03:00:00Z', title: 'Upgrade the ERP database to 15' };
    expect((await submitRaise(t, CHANGE_PEOPLE.requester, { ...window, items: '', cmdbUpdates: 'ERP-DB-01 colour=blue' })).body).toEqual({ response_action: 'errors', errors: { cmdb_updates: 'Line 1: there is no attribute “colour”.' } });
    expect((await submitRaise(t, CHANGE_PEOPLE.requester, { ...window, items: '', cmdbUpdates: 'ERP-DB-02 version=15' })).body).toEqual({ response_action: 'errors', errors: { cmdb_updates: 'Update 1: ERP-DB-02 is not in the CMDB.' } });
    const number = await raiseChange(t, { ...window, items: '', services: '', cmdbUpdates: 'ERP-DB-01 version=15\nERP-DB-01 status=changed' });
    const stored = await t.bot.db.prisma.change.findUniqueOrThrow({ where: { number } });
    expect(stored.configurationItemIds).toEqual(['ERP-DB-01']);
    const card = JSON.stringify(t.fake.callsTo('chat.postMessage').find((call) => JSON.stringify(call.args.blocks ?? '').includes(`${number} · `))?.args.blocks);
    expect(card).toContain('• ERP-DB-01 version = 15');

    const onCard = { number, channel: CAB_CHANNEL, card: 'change' as const };
    await fillForm(t, onCard, 'change.form.assess', MANAGER, { risk_level: { type: 'static_select', value: 'low' }, reason: { type: 'plain_text_input', value: null } });
    await fillForm(t, { number, channel: MANAGER, card: 'approval' }, 'change.form.approve', MANAGER, { comment: { type: 'plain_text_input', value: null } });
    // Until the work is completed, the CMDB says what it said.
    await press(t, onCard, 'change.start', CHANGE_PEOPLE.implementer);
    await expect.poll(() => stateOf(t, number)).toBe('implementing');
    expect(JSON.stringify((await command(t, '/ci', 'ERP-DB-01', PEOPLE.agent)).blocks)).toContain('*Version*\\n14');
    await press(t, onCard, 'change.complete', CHANGE_PEOPLE.implementer);
    await expect.poll(() => stateOf(t, number)).toBe('review');
    await settle(t);

    const after = JSON.stringify((await command(t, '/ci', 'ERP-DB-01', PEOPLE.agent)).blocks);
    expect(after).toContain('*Version*\\n15');
    expect(after).toContain('*Status*\\nChanged');
    expect(after).toContain('<@U0IMPL> · updated_by_change · version: 14 → 15');
    const thread = t.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts).map((call) => String(call.args.text));
    expect(thread).toContain(':card_index: CMDB updated by this change:\n• ERP-DB-01 version: 14 → 15\n• ERP-DB-01 status: in_use → changed');
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordType: 'configuration_item', recordNumber: 'ERP-DB-01' }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.field, entry.toValue])).toEqual([
      ['imported', null, null],
      ['edit_refused', 'version', null],
      ['updated_by_change', 'version', '15'],
      ['updated_by_change', 'status', 'changed'],
    ]);
  });
});
