import { describe, expect, it } from 'vitest';
import {
  approvalPoliciesSchema,
  approvalPolicySchema,
  DEFAULT_APPROVAL_POLICIES,
  EMERGENCY_CAB_POLICY,
  policyForChange,
  recordDecision,
  startTally,
  tallySummary,
  type ApprovalOutcome,
  type ApprovalPolicy,
  type ApprovalPolicyRule,
  type ApprovalTally,
  type DecisionRequest,
} from '../../src/domain/approval.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Role } from '../../src/domain/roles.js';

const NOW = new Date('2025-03-03T10:00:00.000Z');
const CONTEXT = { requesterId: 'U0REQUESTER', implementerId: 'U0IMPLEMENTER' };

function approve(approverId: string, ...roles: Role[]): DecisionRequest {
  return { approverId, approverRoles: roles, decision: 'approve' };
}

function reject(approverId: string, reason: string, ...roles: Role[]): DecisionRequest {
  return { approverId, approverRoles: roles, decision: 'reject', reason };
}

function decide(tally: ApprovalTally, request: DecisionRequest) {
  return recordDecision(tally, request, CONTEXT, NOW);
}

function decideAll(policy: ApprovalPolicy, requests: readonly DecisionRequest[]): ApprovalTally {
  return requests.reduce((tally, request) => decide(tally, request).tally, startTally(policy));
}

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

const PEER_THEN_CAB: ApprovalPolicy = {
  kind: 'stages',
  stages: [
    { name: 'peer_review', rule: 'any', approvers: ['second_line'] },
    { name: 'cab', rule: 'at_least', count: 2, approvers: ['cab'] },
  ],
};

describe('each policy kind to its outcome', () => {
  // After each decision in order, the outcome expected; written by hand from the rules.
  it.each<[string, ApprovalPolicy, [DecisionRequest, ApprovalOutcome][]]>([
    ['any: one approval approves', { kind: 'any', approvers: ['cab'] }, [[approve('U0ANN', 'cab'), 'approved']]],
    [
      'any: one rejection rejects',
      { kind: 'any', approvers: ['cab'] },
      [[reject('U0ANN', 'Untested', 'cab'), 'rejected']],
    ],
    [
      'all users: each must approve',
      { kind: 'all', approvers: ['U0ANN', 'U0BOB'] },
      [
        [approve('U0ANN'), 'pending'],
        [approve('U0BOB'), 'approved'],
      ],
    ],
    [
      'all: a role is met by any one holder',
      { kind: 'all', approvers: ['cab', 'change_manager'] },
      [
        [approve('U0ANN', 'cab'), 'pending'],
        [approve('U0BOB', 'cab'), 'pending'],
        [approve('U0CAT', 'change_manager'), 'approved'],
      ],
    ],
    [
      'all: one person holding both roles meets both entries',
      { kind: 'all', approvers: ['cab', 'change_manager'] },
      [[approve('U0ANN', 'cab', 'change_manager'), 'approved']],
    ],
    [
      'all: a late rejection still rejects',
      { kind: 'all', approvers: ['U0ANN', 'U0BOB'] },
      [
        [approve('U0ANN'), 'pending'],
        [reject('U0BOB', 'Wrong window'), 'rejected'],
      ],
    ],
    [
      'at least 2: counts different people',
      { kind: 'at_least', count: 2, approvers: ['cab', 'U0DAN'] },
      [
        [approve('U0ANN', 'cab'), 'pending'],
        [approve('U0DAN'), 'approved'],
      ],
    ],
    [
      'at least 2: one rejection rejects',
      { kind: 'at_least', count: 2, approvers: ['cab'] },
      [
        [approve('U0ANN', 'cab'), 'pending'],
        [reject('U0BOB', 'Clashes with month end', 'cab'), 'rejected'],
      ],
    ],
    [
      'stages: peer review, then two CAB members',
      PEER_THEN_CAB,
      [
        [approve('U0PEER', 'second_line'), 'pending'],
        [approve('U0ANN', 'cab'), 'pending'],
        [approve('U0BOB', 'cab'), 'approved'],
      ],
    ],
    [
      'stages: a rejection at the first stage rejects',
      PEER_THEN_CAB,
      [[reject('U0PEER', 'No rollback tested', 'second_line'), 'rejected']],
    ],
  ])('%s', (_label, policy, steps) => {
    let tally = startTally(policy);
    const outcomes = steps.map(([request]) => {
      const result = decide(tally, request);
      tally = result.tally;
      return result.outcome;
    });
    expect(outcomes).toEqual(steps.map(([, outcome]) => outcome));
  });
});

describe('a recorded decision', () => {
  it('keeps who, their roles, the stage, the trimmed reason and comment, and when', () => {
    const policy: ApprovalPolicy = { kind: 'any', approvers: ['cab'] };
    const request: DecisionRequest = {
      approverId: 'U0ANN',
      approverRoles: new Set<Role>(['cab', 'second_line']),
      decision: 'reject',
      reason: '  No back-out tested ',
      comment: ' Try again next week ',
    };
    expect(decide(startTally(policy), request)).toEqual({
      tally: {
        policy,
        decisions: [
          {
            approverId: 'U0ANN',
            approverRoles: ['cab', 'second_line'],
            decision: 'reject',
            reason: 'No back-out tested',
            comment: 'Try again next week',
            stage: 0,
            decidedAt: NOW,
          },
        ],
      },
      outcome: 'rejected',
    });
  });

  it('counts an approval in the open stage', () => {
    const tally = decideAll(PEER_THEN_CAB, [approve('U0PEER', 'second_line'), approve('U0ANN', 'cab')]);
    expect(tally.decisions.map((decision) => [decision.approverId, decision.stage])).toEqual([
      ['U0PEER', 0],
      ['U0ANN', 1],
    ]);
  });
});

describe('refusals', () => {
  const cabVote: ApprovalPolicy = { kind: 'at_least', count: 2, approvers: ['cab'] };

  it.each<[string, ApprovalTally, DecisionRequest, { code: string; params: Record<string, string> }]>([
    [
      'the requester approving their own change',
      startTally(cabVote),
      approve('U0REQUESTER', 'cab'),
      { code: 'self_approval', params: { user: 'U0REQUESTER' } },
    ],
    [
      'the implementer approving their own change',
      startTally(cabVote),
      approve('U0IMPLEMENTER', 'cab'),
      { code: 'self_approval', params: { user: 'U0IMPLEMENTER' } },
    ],
    [
      'the requester rejecting their own change',
      startTally(cabVote),
      reject('U0REQUESTER', 'Changed my mind', 'cab'),
      { code: 'self_approval', params: { user: 'U0REQUESTER' } },
    ],
    [
      'the requester even when not an approver',
      startTally(cabVote),
      approve('U0REQUESTER'),
      { code: 'self_approval', params: { user: 'U0REQUESTER' } },
    ],
    [
      'someone who is not an approver',
      startTally(cabVote),
      approve('U0EVE', 'service_desk'),
      { code: 'not_an_approver', params: { user: 'U0EVE' } },
    ],
    [
      'a user not listed by id',
      startTally({ kind: 'all', approvers: ['U0ANN'] }),
      approve('U0BOB'),
      { code: 'not_an_approver', params: { user: 'U0BOB' } },
    ],
    [
      'a rejection without a reason',
      startTally(cabVote),
      reject('U0ANN', '  ', 'cab'),
      { code: 'reason_required', params: { field: 'reason' } },
    ],
    [
      'a second click on the same button',
      decideAll(cabVote, [approve('U0ANN', 'cab')]),
      approve('U0ANN', 'cab'),
      { code: 'already_done', params: { event: 'decide' } },
    ],
    [
      'changing one’s mind',
      decideAll(cabVote, [approve('U0ANN', 'cab')]),
      reject('U0ANN', 'On second thoughts', 'cab'),
      { code: 'already_done', params: { event: 'decide' } },
    ],
    [
      'a decision after the change was approved',
      decideAll(cabVote, [approve('U0ANN', 'cab'), approve('U0BOB', 'cab')]),
      approve('U0CAT', 'cab'),
      { code: 'approval_settled', params: { outcome: 'approved' } },
    ],
    [
      'a decision after the change was rejected',
      decideAll(cabVote, [reject('U0ANN', 'No', 'cab')]),
      approve('U0BOB', 'cab'),
      { code: 'approval_settled', params: { outcome: 'rejected' } },
    ],
    [
      'a CAB member before the peer review is done',
      startTally(PEER_THEN_CAB),
      approve('U0ANN', 'cab'),
      { code: 'stage_not_open', params: { stage: 'cab' } },
    ],
    [
      'a CAB member rejecting before the peer review is done',
      startTally(PEER_THEN_CAB),
      reject('U0ANN', 'Too risky', 'cab'),
      { code: 'stage_not_open', params: { stage: 'cab' } },
    ],
    [
      'a second peer after the peer review is done',
      decideAll(PEER_THEN_CAB, [approve('U0PEER', 'second_line')]),
      approve('U0PEER2', 'second_line'),
      { code: 'already_done', params: { stage: 'peer_review' } },
    ],
    [
      'a peer who is also on the CAB deciding again at the CAB stage',
      decideAll(PEER_THEN_CAB, [approve('U0PEER', 'second_line', 'cab')]),
      approve('U0PEER', 'second_line', 'cab'),
      { code: 'already_done', params: { event: 'decide' } },
    ],
  ])('refuses %s', (_label, tally, request, refused) => {
    expect(refusalOf(() => decide(tally, request))).toEqual(refused);
  });

  it('allows deciding when the change has no implementer yet', () => {
    const result = recordDecision(startTally(cabVote), approve('U0ANN', 'cab'), { requesterId: 'U0REQUESTER', implementerId: null }, NOW);
    expect(result.outcome).toBe('pending');
  });
});

describe('tallySummary', () => {
  it('shows a new sequential vote with its first stage open', () => {
    expect(tallySummary(startTally(PEER_THEN_CAB))).toEqual({
      outcome: 'pending',
      stages: [
        { name: 'peer_review', rule: 'any', needed: 1, received: 0, rejections: 0, status: 'open', awaiting: ['second_line'] },
        { name: 'cab', rule: 'at_least', needed: 2, received: 0, rejections: 0, status: 'waiting', awaiting: [] },
      ],
    });
  });

  it('moves on to the next stage and counts its approvals', () => {
    const tally = decideAll(PEER_THEN_CAB, [approve('U0PEER', 'second_line'), approve('U0ANN', 'cab')]);
    expect(tallySummary(tally)).toEqual({
      outcome: 'pending',
      stages: [
        { name: 'peer_review', rule: 'any', needed: 1, received: 1, rejections: 0, status: 'approved', awaiting: [] },
        { name: 'cab', rule: 'at_least', needed: 2, received: 1, rejections: 0, status: 'open', awaiting: ['cab'] },
      ],
    });
  });

  it('shows a rejected stage and leaves later ones waiting', () => {
    const tally = decideAll(PEER_THEN_CAB, [reject('U0PEER', 'No test plan', 'second_line')]);
    expect(tallySummary(tally)).toEqual({
      outcome: 'rejected',
      stages: [
        { name: 'peer_review', rule: 'any', needed: 1, received: 0, rejections: 1, status: 'rejected', awaiting: [] },
        { name: 'cab', rule: 'at_least', needed: 2, received: 0, rejections: 0, status: 'waiting', awaiting: [] },
      ],
    });
  });

  it('lists the entries an "all" vote still waits for', () => {
    const tally = decideAll({ kind: 'all', approvers: ['U0ANN', 'U0BOB', 'cab'] }, [approve('U0BOB')]);
    expect(tallySummary(tally)).toEqual({
      outcome: 'pending',
      stages: [{ name: 'approval', rule: 'all', needed: 3, received: 1, rejections: 0, status: 'open', awaiting: ['U0ANN', 'cab'] }],
    });
  });

  it('drops listed users who already decided from an "at least" vote', () => {
    const tally = decideAll({ kind: 'at_least', count: 2, approvers: ['U0ANN', 'U0BOB', 'U0CAT'] }, [approve('U0BOB')]);
    expect(tallySummary(tally).stages[0]?.awaiting).toEqual(['U0ANN', 'U0CAT']);
  });

  it('shows an approved vote as approved, with nothing awaited', () => {
    const tally = decideAll({ kind: 'any', approvers: ['emergency_cab'] }, [approve('U0ANN', 'emergency_cab')]);
    expect(tallySummary(tally)).toEqual({
      outcome: 'approved',
      stages: [{ name: 'approval', rule: 'any', needed: 1, received: 1, rejections: 0, status: 'approved', awaiting: [] }],
    });
  });
});

describe('policyForChange', () => {
  const CATCH_ALL: ApprovalPolicy = { kind: 'any', approvers: ['change_manager'] };
  const HIGH: ApprovalPolicy = { kind: 'at_least', count: 2, approvers: ['cab'] };
  const NORMAL: ApprovalPolicy = { kind: 'any', approvers: ['cab'] };
  const NORMAL_HIGH: ApprovalPolicy = { kind: 'all', approvers: ['cab', 'change_manager'] };
  const EMERGENCY_HIGH: ApprovalPolicy = { kind: 'all', approvers: ['emergency_cab', 'change_manager'] };
  const SECOND_NORMAL: ApprovalPolicy = { kind: 'any', approvers: ['U0SECOND'] };

  const RULES: ApprovalPolicyRule[] = [
    { policy: CATCH_ALL },
    { risk: 'high', policy: HIGH },
    { type: 'normal', policy: NORMAL },
    { type: 'normal', risk: 'high', policy: NORMAL_HIGH },
    { type: 'emergency', risk: 'high', policy: EMERGENCY_HIGH },
    { type: 'normal', policy: SECOND_NORMAL },
  ];

  it.each<[string, ApprovalPolicyRule[], Parameters<typeof policyForChange>[1], ApprovalPolicy | null]>([
    ['type and risk beat type only', RULES, { type: 'normal', risk: 'high' }, NORMAL_HIGH],
    ['type only beats risk only and catch-all; first of equals wins', RULES, { type: 'normal', risk: 'medium' }, NORMAL],
    ['emergency matches a rule naming it', RULES, { type: 'emergency', risk: 'high' }, EMERGENCY_HIGH],
    ['emergency ignores catch-all and risk-only rules', RULES, { type: 'emergency', risk: 'low' }, EMERGENCY_CAB_POLICY],
    ['emergency without rules goes to the emergency CAB', [], { type: 'emergency', risk: 'medium' }, EMERGENCY_CAB_POLICY],
    ['risk only beats catch-all', [RULES[0]!, RULES[1]!], { type: 'normal', risk: 'high' }, HIGH],
    ['catch-all takes the rest', [RULES[0]!, RULES[1]!], { type: 'normal', risk: 'low' }, CATCH_ALL],
    ['standard changes are pre-approved', RULES, { type: 'standard', risk: 'high' }, null],
  ])('%s', (_label, rules, subject, expected) => {
    expect(policyForChange(rules, subject)).toBe(expected);
  });

  it('refuses a normal change no rule covers', () => {
    expect(refusalOf(() => policyForChange([{ risk: 'low', policy: CATCH_ALL }], { type: 'normal', risk: 'high' }))).toEqual({
      code: 'not_found',
      params: { number: 'approval policy normal/high' },
    });
  });

  it('picks from the defaults', () => {
    expect(policyForChange(DEFAULT_APPROVAL_POLICIES, { type: 'normal', risk: 'medium' })).toEqual({
      kind: 'at_least',
      count: 2,
      approvers: ['cab'],
    });
    expect(policyForChange(DEFAULT_APPROVAL_POLICIES, { type: 'emergency', risk: 'high' })).toBe(EMERGENCY_CAB_POLICY);
  });
});

describe('approvalPolicySchema', () => {
  it.each<[string, unknown]>([
    ['any', { kind: 'any', approvers: ['cab', 'U0ANN'] }],
    ['all', { kind: 'all', approvers: ['U0ANN', 'W0BOB'] }],
    ['at least', { kind: 'at_least', count: 2, approvers: ['cab'] }],
    ['stages', PEER_THEN_CAB],
  ])('accepts %s', (_label, input) => {
    expect(approvalPolicySchema.parse(input)).toEqual(input);
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['an approver that is neither a role nor a user id', { kind: 'any', approvers: ['bob'] }, ['approvers', 0]],
    ['no approvers', { kind: 'all', approvers: [] }, ['approvers']],
    ['an approver listed twice', { kind: 'all', approvers: ['U0ANN', 'U0ANN'] }, ['approvers']],
    ['more approvals than listed users', { kind: 'at_least', count: 3, approvers: ['U0ANN', 'U0BOB'] }, ['count']],
    ['at least without a count', { kind: 'at_least', approvers: ['cab'] }, ['count']],
    [
      'two stages with one name',
      {
        kind: 'stages',
        stages: [
          { name: 'cab', rule: 'any', approvers: ['cab'] },
          { name: 'cab', rule: 'all', approvers: ['change_manager'] },
        ],
      },
      ['stages'],
    ],
    ['an unknown kind', { kind: 'majority', approvers: ['cab'] }, ['kind']],
  ])('rejects %s', (_label, input, path) => {
    const result = approvalPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe('approvalPoliciesSchema', () => {
  it('accepts the defaults', () => {
    expect(approvalPoliciesSchema.parse(DEFAULT_APPROVAL_POLICIES)).toEqual(DEFAULT_APPROVAL_POLICIES);
  });

  it('requires a policy for normal changes of every risk', () => {
    const result = approvalPoliciesSchema.safeParse([{ type: 'normal', risk: 'low', policy: { kind: 'any', approvers: ['cab'] } }]);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'no approval policy for normal changes of medium risk',
      'no approval policy for normal changes of high risk',
    ]);
  });

  it('does not accept rules for standard changes', () => {
    const result = approvalPoliciesSchema.safeParse([{ type: 'standard', policy: { kind: 'any', approvers: ['cab'] } }, { policy: { kind: 'any', approvers: ['cab'] } }]);
    expect(result.error?.issues[0]?.path).toEqual([0, 'type']);
  });
});
