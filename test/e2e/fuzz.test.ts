// Hostile and malformed input: a thousand random signed requests. The bot answers every one,
// stays up, and leaves no half-written record behind.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateValues } from '../support/slack-requests.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.stop());

const COMMANDS = ['/incident', '/itsm', '/sla', '/oncall', '/request', '/problem', '/change', '/kb'];
const ACTIONS = ['incident.take', 'incident.assign', 'incident.resume', 'incident.form.resolve', 'incident.form.declare_major', 'incident.fixed_yes', 'incident.fixed_no', 'incident.rate.satisfied', 'incident.survey_comment', 'incident.list_more', 'escalation.acknowledge', 'escalation.snooze', 'home.report_incident', 'problem.create_from_incident', 'problem.create_from_candidate', 'problem.link_known_error.1', 'problem.investigate', 'problem.assign', 'problem.close', 'problem.resolve_linked_incidents', 'problem.form.resolve', 'article.save_from_incident', 'article.save_from_problem', 'article.approve', 'article.form.reject'];
const VIEWS = ['incident_report', 'incident.action.resolve', 'incident.action.hold', 'incident.action.change_priority', 'incident.action.mark_duplicate', 'incident.action.declare_major', 'incident.survey_comment', 'problem_create', 'problem.action.resolve', 'problem.action.link_incident', 'article_save', 'article.action.reject', 'article.action.resubmit'];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom('', ' ', 'show', 'list', 'list p1', 'show INC-000001', 'audit INC-000001', 'audit PRB-000001', 'show PRB-000001', 'KB-000001', '打印机卡纸', 'INC-999999', '<!channel>', 'x'.repeat(12_000)));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const user = fc.constantFrom(PEOPLE.reporter, PEOPLE.agent, PEOPLE.outsider, PEOPLE.security, 'U0RANDOM');

const slashCommand = fc.record({ command: fc.constantFrom(...COMMANDS), text, userId: user }).map((input) => ({ kind: 'command' as const, input }));
const blockAction = fc
  .record({ actionId: fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 20 })), value: fc.option(text, { nil: undefined }), blockId: fc.oneof(fc.constant('incident_actions:INC-000001:1'), fc.string({ maxLength: 30 })), userId: user, selectedUser: fc.option(user, { nil: undefined }) })
  .map((input) => ({ kind: 'action' as const, input }));
const viewSubmission = fc
  .record({ callbackId: fc.constantFrom(...VIEWS), metadata: fc.oneof(text, anyJson.map((value) => JSON.stringify(value))), values: fc.dictionary(fc.string({ maxLength: 12 }), fc.dictionary(fc.string({ maxLength: 12 }), anyJson)), userId: user })
  .map((input) => ({ kind: 'view' as const, input }));
const rawBody = fc
  .record({ body: fc.oneof(fc.string({ maxLength: 300 }), anyJson.map((value) => `payload=${encodeURIComponent(JSON.stringify(value))}`), anyJson.map((value) => JSON.stringify(value))), json: fc.boolean() })
  .map((input) => ({ kind: 'raw' as const, input }));
const request = fc.oneof(slashCommand, blockAction, viewSubmission, rawBody);

type GeneratedRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(generated: GeneratedRequest) {
  switch (generated.kind) {
    case 'command':
      return t.slack.slashCommand({ ...generated.input, responseUrl: t.fake.responseUrl() });
    case 'action':
      return t.slack.blockAction({ ...generated.input, responseUrl: t.fake.responseUrl() });
    case 'view':
      return t.slack.viewSubmission({ userId: generated.input.userId, view: { id: `V${Math.random()}`, callback_id: generated.input.callbackId, private_metadata: generated.input.metadata, state: { values: generated.input.values as StateValues } } });
    default:
      return t.slack.raw({ body: generated.input.body, contentType: generated.input.json ? 'application/json' : 'application/x-www-form-urlencoded' });
  }
}

describe('a thousand random signed requests', () => {
  it('are all answered without a server error, the bot stays up, and every record is whole', async () => {
    // A real ticket for the random clicks and forms to land on.
    await t.slack.slashCommand({ command: '/incident', text: 'Fuzz target', userId: PEOPLE.reporter });
    await expect.poll(() => t.bot.db.prisma.incident.count()).toBe(1);

    const requests = fc.sample(request, { numRuns: 1000, seed: 20261121 });
    const statuses: number[] = [];
    for (let index = 0; index < requests.length; index += 50) {
      const batch = await Promise.all(requests.slice(index, index + 50).map((generated) => send(generated)));
      statuses.push(...batch.map((response) => response.status));
    }
    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

    await t.bot.worker.deliverDue();
    // One snapshot: a command acknowledged a moment ago may still be committing its ticket.
    const { incidents, created, counter } = await t.bot.db.prisma.$transaction(
      async (tx) => ({
        incidents: await tx.incident.findMany(),
        created: await tx.auditEntry.findMany({ where: { action: 'created', recordType: 'incident' } }),
        counter: await tx.counter.findUniqueOrThrow({ where: { name: 'INC' } }),
      }),
      { isolationLevel: 'RepeatableRead' },
    );
    expect(created.map((entry) => entry.recordNumber).sort()).toEqual(incidents.map((incident) => incident.number).sort());
    expect(counter.value).toBe(incidents.length);
    expect(await t.bot.db.prisma.outboxMessage.count({ where: { lastError: { startsWith: 'invalid payload' } } })).toBe(0);
  }, 120_000);
});
