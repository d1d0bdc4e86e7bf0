// The silence period: a resolved ticket nobody confirms closes after N business days, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { inputValues } from '../support/slack-requests.js';
import { dmsTo, openForm, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

// Friday 6 March 2026, 10:00 in Shanghai (the default calendar); 3 business days → Wednesday 10:00.
const clock = new ManualClock(new Date('2026-03-06T02:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock });
});
afterAll(async () => t.stop());

describe('auto-close', () => {
  it('closes an unconfirmed resolved ticket after three business days, once, and tells the reporter', async () => {
    const number = await reportIncident(t, 'Scanner offline');
    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'Replaced the cable' } }));
    await settle(t);
    const state = async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state;

    clock.set(new Date('2026-03-11T01:59:00Z')); // Wednesday 09:59 local: one minute early
    expect(await t.bot.scheduler.tick('incidents.auto_close')).toBe(true);
    expect(await state()).toBe('resolved');

    clock.set(new Date('2026-03-11T02:15:00Z'));
    const runs = await Promise.all([t.bot.scheduler.tick('incidents.auto_close'), t.bot.scheduler.tick('incidents.auto_close')]);
    expect(runs.sort()).toEqual([false, true]);
    expect(await state()).toBe('closed');
    await settle(t);

    clock.set(new Date('2026-03-11T02:30:00Z'));
    expect(await t.bot.scheduler.tick('incidents.auto_close')).toBe(true);
    const closings = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number, action: 'auto_close', field: 'state' } });
    expect(closings).toMatchObject([{ actorId: 'system', fromValue: 'resolved', toValue: 'closed' }]);
    expect(dmsTo(t, PEOPLE.reporter).filter((text) => text.includes(`${number} (Scanner offline) was closed because we did not hear back`))).toHaveLength(1);
  });
});
