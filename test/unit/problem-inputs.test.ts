import { describe, expect, it } from 'vitest';
import { parseKbCommand } from '../../src/slack/knowledge/inputs.js';
import { parseProblemCommand, parseProblemForm } from '../../src/slack/problem/inputs.js';
import { problemChannel } from '../../src/slack/problem/messages.js';
import { validateSettings } from '../../src/settings/load.js';
import { inputValues } from '../support/slack-requests.js';

const form = (incidents: string | null) =>
  inputValues({
    title: { type: 'plain_text_input', value: 'Mail delays' },
    impact: { type: 'static_select', value: 'medium' },
    urgency: { type: 'static_select', value: 'high' },
    problem_source: { type: 'static_select', value: 'incident' },
    problem_incidents: { type: 'plain_text_input', value: incidents },
  });

describe('/problem and /kb text', () => {
  it.each([
    ['', { kind: 'form', title: '' }],
    ['  Mail is slow every Monday ', { kind: 'form', title: 'Mail is slow every Monday' }],
    ['show prb-12', { kind: 'show', number: 'PRB-000012' }],
    ['show INC-000001', { kind: 'usage' }],
    ['help', { kind: 'usage' }],
  ])('/problem %j', (text, expected) => {
    expect(parseProblemCommand(text)).toEqual(expected);
  });

  it.each([
    ['', { kind: 'usage' }],
    [' kb-3 ', { kind: 'show', number: 'KB-000003' }],
    ['打印机 卡纸', { kind: 'search', query: '打印机 卡纸' }],
    ['outlook search', { kind: 'search', query: 'outlook search' }],
  ])('/kb %j', (text, expected) => {
    expect(parseKbCommand(text)).toEqual(expected);
  });
});

describe('the problem form', () => {
  it('reads incident numbers separated by spaces, commas (also Chinese ones), normalised and once each', () => {
    const parsed = parseProblemForm(form('inc-1, INC-000002，INC-2 、inc-3'), []);
    expect(parsed).toMatchObject({ ok: true, value: { incidents: ['INC-000001', 'INC-000002', 'INC-000003'], urgency: 'high', source: 'incident' } });
  });

  it('takes no incidents, and refuses anything that is not an incident number', () => {
    expect(parseProblemForm(form(null), [])).toMatchObject({ ok: true, value: { incidents: [] } });
    expect(parseProblemForm(form('INC-1 PRB-2'), [])).toEqual({ ok: false, errors: { problem_incidents: { key: 'problem.validation.incident_numbers' } } });
  });
});

describe('problem settings', () => {
  const settings = (extra: object) => validateSettings({ channels: { serviceDesk: 'C0DESK' }, ...extra }, 'test');

  it('default to the service desk channel and 3 incidents in 7 days', () => {
    const defaults = settings({});
    expect(defaults.problems.trends).toEqual({ minIncidents: 3, windowDays: 7 });
    expect(problemChannel(defaults)).toBe('C0DESK');
    expect(problemChannel(settings({ channels: { serviceDesk: 'C0DESK', problems: 'C0PROB' } }))).toBe('C0PROB');
  });

  it('refuses a trend of one incident', () => {
    expect(() => settings({ problems: { trends: { minIncidents: 1 } } })).toThrow(/problems.trends.minIncidents/);
  });
});
