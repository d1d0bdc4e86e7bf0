// Every builder, fed the longest and most numerous inputs users can produce, stays inside Slack's
// documented Block Kit limits.
import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../src/db/repositories/incidents.js';
import { createIncident } from '../../src/domain/incident.js';
import { DEFAULT_PRIORITY_MATRIX } from '../../src/domain/priority.js';
import { translatorFor } from '../../src/i18n/index.js';
import { FORM_EVENTS, fixedQuestion, incidentActionModal, majorSummary, surveyQuestion } from '../../src/slack/incident/action-blocks.js';
import { incidentCard, incidentList, reportIncidentModal } from '../../src/slack/incident/blocks.js';
import { homeView } from '../../src/slack/home/blocks.js';
import { blockKitViolations } from '../support/block-kit-limits.js';

const t = translatorFor('zh-CN');
const long = (length: number) => '长'.repeat(length);
const NOW = new Date('2026-03-02T01:00:00Z');

function worstIncident(number: number): IncidentRecord {
  const state = createIncident({ number: `INC-${String(number).padStart(6, '0')}`, reporterId: 'U0REPORTER', impact: 'very_high', urgency: 'critical', isSecurity: true }, DEFAULT_PRIORITY_MATRIX, NOW);
  return {
    ...state,
    state: 'on_hold',
    assigneeId: 'U0AGENT',
    hold: { kind: 'awaiting_supplier', reason: long(3000), since: NOW },
    resolution: { code: 'workaround', notes: long(3000) },
    major: { leadId: 'U0LEAD', declaredAt: NOW, lastUpdateAt: null },
    id: number,
    title: `<&> ${long(200)}`,
    description: `*bold* <!channel> ${long(5000)}`,
    categoryPath: 'hardware/printer/paper-jam',
    affectedService: long(300),
    source: 'message_shortcut',
    sourcePermalink: 'https://example.slack.com/archives/C1/p1',
    reporterLocale: 'zh-CN',
    sla: { policyId: 'p1', responseDueAt: NOW, resolutionDueAt: NOW, alertsSent: [] },
  };
}

const manyCategories = Array.from({ length: 40 }, (_, top) => ({
  id: `c${top}`,
  label: { en: long(90), 'zh-CN': long(90) },
  children: Array.from({ length: 4 }, (_, child) => ({ id: `c${top}-${child}`, label: { en: long(90), 'zh-CN': long(90) } })),
}));

describe('Block Kit limits', () => {
  it('hold for the ticket card, the list and the Home view with the longest inputs', () => {
    const incident = worstIncident(1);
    expect(blockKitViolations('chat.postMessage', { ...incidentCard({ t, locale: 'zh-CN', categories: manyCategories, incident }) })).toEqual([]);
    const many = Array.from({ length: 10 }, (_, index) => worstIncident(index + 1));
    expect(blockKitViolations('chat.postMessage', { ...incidentList({ t, filter: 'open', incidents: many, page: 3, hasMore: true }) })).toEqual([]);
    expect(blockKitViolations('views.publish', { view: homeView({ t, locale: 'zh-CN' }, { reported: many, queue: many, approvals: [], requestApprovals: [], onCall: [] }, [{ actionId: 'home.report_incident', label: 'home.report_incident', primary: true }]) })).toEqual([]);
  });

  it('hold for the report form with more categories than a select can list', () => {
    const view = reportIncidentModal({ t, locale: 'zh-CN', categories: manyCategories, prefill: { title: long(500), description: long(9000) }, privateMetadata: long(5000), allowSecurity: true });
    expect(blockKitViolations('views.open', { view })).toEqual([]);
  });

  it.each(FORM_EVENTS)('hold for the %s form', (event) => {
    expect(blockKitViolations('views.open', { view: incidentActionModal(t, event, worstIncident(1)) })).toEqual([]);
  });

  it("hold for the reporter's questions and the major-incident summary", () => {
    const incident = worstIncident(1);
    expect(blockKitViolations('chat.postMessage', { ...fixedQuestion(t, incident, long(5000)) })).toEqual([]);
    expect(blockKitViolations('chat.postMessage', { ...surveyQuestion(t, incident, long(5000)) })).toEqual([]);
    expect(blockKitViolations('chat.postMessage', { ...majorSummary(t, incident, long(5000), 30) })).toEqual([]);
  });

  it('are really checked: a broken message is reported', () => {
    const broken = { blocks: [{ type: 'header', text: { type: 'plain_text', text: long(151) } }, { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x' } }, { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'y' } }] }] };
    expect(blockKitViolations('chat.postMessage', broken)).toEqual([
      'chat.postMessage: header block: header over 150 characters',
      'chat.postMessage: actions block: action_id "a" repeated or too long',
    ]);
  });
});
