import { describe, expect, it } from 'vitest';
import { startTally, tallySummary } from '../../src/domain/approval.js';
import { effectiveCatalogue, catalogueSchema, validateAnswers } from '../../src/domain/catalogue.js';
import { DomainError } from '../../src/domain/errors.js';
import { applyRequestEvent, availableRequestActions, decideOnRequest, newRequestState, requestApprovalPolicy } from '../../src/domain/request.js';
import { departmentApproverOf, parseStaffCsv } from '../../src/domain/staff.js';

const NOW = new Date('2026-03-02T01:00:00Z');
const person = (userId: string, ...roles: string[]) => ({ userId, roles: new Set(roles) }) as Parameters<typeof availableRequestActions>[1];
const code = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('the staff directory', () => {
  it('reads the CSV and finds the department head', () => {
    const parsed = parseStaffCsv('User_ID,Name,Department,Email,Is_Head\nU0ANNA,Anna,Finance,,yes\nU0BEN,"Ben, Jr.",Finance,ben@x.cn,no\nU0CAI,Cai,IT,,\n');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.members[1]).toEqual({ userId: 'U0BEN', name: 'Ben, Jr.', email: 'ben@x.cn', department: 'Finance', isHead: false });
    expect(departmentApproverOf(parsed.members, 'U0BEN')).toEqual({ kind: 'head', userId: 'U0ANNA' });
    expect(departmentApproverOf(parsed.members, 'U0ANNA')).toEqual({ kind: 'role' });
    expect(departmentApproverOf(parsed.members, 'U0CAI')).toBeNull();
  });

  it('reports bad rows and two heads of one department', () => {
    const parsed = parseStaffCsv('user_id,name,department,is_head\nbob,Bob,IT,yes\nU0A,,IT,maybe\nU0B,B,HR,yes\nU0C,C,HR,yes\n');
    expect(parsed.ok ? [] : parsed.problems.map((problem) => [problem.line, problem.problem])).toEqual([
      [2, 'bad_user_id'],
      [3, 'missing_value'],
      [3, 'bad_flag'],
      [0, 'two_heads'],
    ]);
    expect(parseStaffCsv('name,department\nX,Y')).toEqual({ ok: false, problems: [{ line: 1, problem: 'missing_columns', detail: 'user_id' }] });
  });
});

describe('the catalogue', () => {
  const file = catalogueSchema.parse({
    services: [{ id: 'workplace', name: 'Workplace', slaPolicy: 'standard' }],
    items: [{ id: 'laptop', service: 'workplace', name: { en: 'New laptop', 'zh-CN': '新笔记本电脑' }, fulfilment: { role: 'service_desk' } }],
  });

  it('lets edits replace, add and remove entries, and refuses an inconsistent result', () => {
    const edited = effectiveCatalogue(file, [
      { kind: 'item', key: 'vpn', definition: { id: 'vpn', service: 'workplace', name: 'VPN access', fulfilment: { role: 'second_line' } } },
      { kind: 'item', key: 'laptop', definition: null },
    ]);
    expect(edited.items.map((item) => item.id)).toEqual(['vpn']);
    expect(() => effectiveCatalogue(file, [{ kind: 'service', key: 'workplace', definition: null }])).toThrow(/unknown service workplace/);
  });

  it('checks answers against the fields', () => {
    const fields = catalogueSchema.parse({
      services: [{ id: 's', name: 'S', slaPolicy: 'standard' }],
      items: [{ id: 'i', service: 's', name: 'I', fulfilment: { role: 'admin' }, fields: [
        { id: 'model', type: 'select', label: 'Model', options: ['14"', '16"'] },
        { id: 'by', type: 'date', label: 'Needed by', required: false },
        { id: 'for', type: 'user', label: 'For whom' },
      ] }],
    }).items[0]!.fields;
    expect(validateAnswers(fields, { model: '15"', by: '2026-02-30x' })).toEqual({ ok: false, problems: { model: 'unknown_option', by: 'bad_date', for: 'required' } });
    expect(validateAnswers(fields, { model: '14"', for: 'U0X' })).toEqual({ ok: true, answers: { model: '14"', for: 'U0X' } });
  });
});

describe('a service request', () => {
  const approval = { departmentHead: true, stages: [{ name: 'security', rule: 'any' as const, approvers: ['security' as const] }] };

  it('is approved by the department head first, then the further stages, never by its requester', () => {
    const policy = requestApprovalPolicy(approval, { kind: 'head', userId: 'U0HEAD' });
    if (!policy) throw new Error('policy');
    const request = { requesterId: 'U0ME' };
    expect(code(() => decideOnRequest(startTally(policy), request, { approverId: 'U0SEC', approverRoles: ['security'], decision: 'approve' }, NOW))).toBe('stage_not_open');
    expect(code(() => decideOnRequest(startTally(policy), request, { approverId: 'U0OTHER', approverRoles: [], decision: 'approve' }, NOW))).toBe('not_a_request_approver');
    expect(code(() => decideOnRequest(startTally(policy), { requesterId: 'U0HEAD' }, { approverId: 'U0HEAD', approverRoles: [], decision: 'approve' }, NOW))).toBe('self_approval');
    const first = decideOnRequest(startTally(policy), request, { approverId: 'U0HEAD', approverRoles: [], decision: 'approve' }, NOW);
    expect(tallySummary(first.tally).stages.map((stage) => stage.status)).toEqual(['approved', 'open']);
    expect(decideOnRequest(first.tally, request, { approverId: 'U0SEC', approverRoles: ['security'], decision: 'approve' }, NOW).outcome).toBe('approved');
  });

  it("needs a department head, and a head's own request goes to the department_head role", () => {
    expect(code(() => requestApprovalPolicy(approval, null))).toBe('no_department_head');
    expect(requestApprovalPolicy({ departmentHead: true, stages: [] }, { kind: 'role' })).toEqual({ kind: 'stages', stages: [{ name: 'department_head', rule: 'any', approvers: ['department_head'] }] });
    expect(requestApprovalPolicy({ departmentHead: false, stages: [] }, null)).toBeNull();
  });

  it('is fulfilled by its group after approval, and cancelled with a reason', () => {
    const draft = newRequestState({ number: 'REQ-000001', requesterId: 'U0ME', fulfilment: { role: 'second_line' } }, NOW);
    expect(availableRequestActions(draft, person('U0ME'))).toEqual(['cancel']);
    expect(code(() => applyRequestEvent(draft, { type: 'take' }, person('U0L2', 'second_line'), NOW))).toBe('transition_not_allowed');
    const approved = applyRequestEvent(draft, { type: 'approve' }, 'system', NOW).request;
    expect(availableRequestActions(approved, person('U0L2', 'second_line'))).toEqual(['take', 'fulfil', 'cancel']);
    expect(availableRequestActions(approved, person('U0DESK', 'service_desk'))).toEqual([]);
    const taken = applyRequestEvent(approved, { type: 'take' }, person('U0L2', 'second_line'), NOW);
    expect(taken.changes).toEqual([{ field: 'state', from: 'approved', to: 'in_progress' }, { field: 'assigneeId', from: null, to: 'U0L2' }]);
    expect(code(() => applyRequestEvent(taken.request, { type: 'cancel', reason: ' ' }, person('U0ME'), NOW))).toBe('reason_required');
    const fulfilled = applyRequestEvent(taken.request, { type: 'fulfil' }, person('U0L2', 'second_line'), NOW).request;
    expect(code(() => applyRequestEvent(fulfilled, { type: 'cancel', reason: 'late' }, person('U0ME'), NOW))).toBe('record_closed');
  });
});
