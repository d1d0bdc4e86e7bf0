// Approval of changes (变更审批): which policy applies to a change, and the tally of decisions
// against it. A policy names its approvers by Slack user id or by role. The tally carries a copy
// of the policy, taken when authorisation starts, so later edits of the configuration do not
// change a running vote.
//
// Counting rules:
// - One decision per person per change, and it is final (a double click is refused as
//   already_done). A person in two stages therefore decides in the first one open to them only.
// - An approver entry is met by a decision of that user, or, for a role, of anyone holding it
//   when deciding. For 'all', every entry must be met; one decision meets each entry it matches.
//   For 'at_least', N different people must approve.
// - Any one rejection rejects (a veto). It needs a reason, so it is accountable.
// - The requester and the implementer never decide on their own change (segregation of duties).
import { z } from 'zod';
import type { ChangeType } from './change.js';
import { DomainError } from './errors.js';
import { RISK_LEVELS, riskLevelSchema, type RiskLevel } from './risk.js';
import { isRole, ROLES, type Role } from './roles.js';

const slackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U…) or a role name');
export const approverSchema = z.union([z.enum(ROLES), slackUserIdSchema]);

const approversSchema = z
  .array(approverSchema)
  .min(1)
  .refine((approvers) => new Set(approvers).size === approvers.length, 'must not list an approver twice');

const countSchema = z.number().int().min(1);

/** With user ids only, a count above the number of users could never be reached. */
function isReachable(rule: { count: number; approvers: readonly string[] }): boolean {
  return rule.approvers.some(isRole) || rule.count <= rule.approvers.length;
}
const UNREACHABLE = { message: 'count is more than the approvers listed', path: ['count'] };

const stageNameSchema = z.string().trim().min(1);
export const approvalStageSchema = z.discriminatedUnion('rule', [
  z.object({ name: stageNameSchema, rule: z.literal('any'), approvers: approversSchema }),
  z.object({ name: stageNameSchema, rule: z.literal('all'), approvers: approversSchema }),
  z
    .object({ name: stageNameSchema, rule: z.literal('at_least'), count: countSchema, approvers: approversSchema })
    .refine(isReachable, UNREACHABLE),
]);
export type ApprovalStage = z.infer<typeof approvalStageSchema>;
export type ApprovalRule = ApprovalStage['rule'];

export const approvalPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any'), approvers: approversSchema }),
  z.object({ kind: z.literal('all'), approvers: approversSchema }),
  z
    .object({ kind: z.literal('at_least'), count: countSchema, approvers: approversSchema })
    .refine(isReachable, UNREACHABLE),
  z.object({
    kind: z.literal('stages'),
    stages: z
      .array(approvalStageSchema)
      .min(1)
      .refine((stages) => new Set(stages.map((stage) => stage.name)).size === stages.length, 'stage names must differ'),
  }),
]);
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** One entry of the configured list: the policy for changes of a type and/or risk (absent = any). */
export const approvalPolicyRuleSchema = z.object({
  // Standard changes are pre-approved and never voted on.
  type: z.enum(['normal', 'emergency']).optional(),
  risk: riskLevelSchema.optional(),
  policy: approvalPolicySchema,
});
export type ApprovalPolicyRule = z.infer<typeof approvalPolicyRuleSchema>;

export const approvalPoliciesSchema = z.array(approvalPolicyRuleSchema).superRefine((rules, context) => {
  for (const risk of RISK_LEVELS) {
    if (!rules.some((rule) => appliesTo(rule, { type: 'normal', risk }))) {
      context.addIssue({ code: 'custom', message: `no approval policy for normal changes of ${risk} risk` });
    }
  }
});

/** Emergency changes go to the emergency CAB (紧急变更委员会): one approval is enough. */
export const EMERGENCY_CAB_POLICY: ApprovalPolicy = { kind: 'any', approvers: ['emergency_cab'] };

export const DEFAULT_APPROVAL_POLICIES: readonly ApprovalPolicyRule[] = [
  { type: 'normal', risk: 'low', policy: { kind: 'any', approvers: ['change_manager'] } },
  { type: 'normal', risk: 'medium', policy: { kind: 'at_least', count: 2, approvers: ['cab'] } },
  {
    type: 'normal',
    risk: 'high',
    policy: {
      kind: 'stages',
      stages: [
        { name: 'peer_review', rule: 'any', approvers: ['second_line', 'third_line'] },
        { name: 'cab', rule: 'at_least', count: 3, approvers: ['cab'] },
      ],
    },
  },
  { type: 'emergency', policy: EMERGENCY_CAB_POLICY },
];

export interface ApprovalSubject {
  readonly type: ChangeType;
  readonly risk: RiskLevel;
}

/**
 * The most specific configured policy: type and risk beat type only, which beats risk only, which
 * beats a catch-all; among equals the first listed wins. Null for a standard change (pre-approved).
 * Emergency changes match only rules naming them, and otherwise go to the emergency CAB.
 */
export function policyForChange(rules: readonly ApprovalPolicyRule[], subject: ApprovalSubject): ApprovalPolicy | null {
  if (subject.type === 'standard') return null;
  const best = rules
    .filter((rule) => appliesTo(rule, subject))
    .reduce<ApprovalPolicyRule | null>((found, rule) => (found && specificity(found) >= specificity(rule) ? found : rule), null);
  if (best) return best.policy;
  if (subject.type === 'emergency') return EMERGENCY_CAB_POLICY;
  throw new DomainError('not_found', { number: `approval policy ${subject.type}/${subject.risk}` });
}

function appliesTo(rule: ApprovalPolicyRule, subject: ApprovalSubject): boolean {
  const typeMatches = rule.type ? rule.type === subject.type : subject.type !== 'emergency';
  return typeMatches && (!rule.risk || rule.risk === subject.risk);
}

function specificity(rule: ApprovalPolicyRule): number {
  return (rule.type ? 2 : 0) + (rule.risk ? 1 : 0);
}

export type ApprovalDecisionKind = 'approve' | 'reject';
export type ApprovalOutcome = 'pending' | 'approved' | 'rejected';

export interface ApprovalDecision {
  readonly approverId: string;
  /** The approver's roles when deciding; role entries of the policy are met by these. */
  readonly approverRoles: readonly Role[];
  readonly decision: ApprovalDecisionKind;
  readonly reason: string | null;
  readonly comment: string | null;
  /** The index of the stage the decision counts for; 0 for a policy without stages. */
  readonly stage: number;
  readonly decidedAt: Date;
}

export interface ApprovalTally {
  readonly policy: ApprovalPolicy;
  readonly decisions: readonly ApprovalDecision[];
}

/** A stored tally (a JSON column), read back. */
export const approvalTallySchema = z.object({
  policy: approvalPolicySchema,
  decisions: z.array(
    z.object({
      approverId: z.string(),
      approverRoles: z.array(z.enum(ROLES)),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().nullable(),
      comment: z.string().nullable(),
      stage: z.number().int(),
      decidedAt: z.coerce.date(),
    }),
  ),
});

export interface DecisionRequest {
  readonly approverId: string;
  readonly approverRoles: Iterable<Role>;
  readonly decision: ApprovalDecisionKind;
  readonly reason?: string;
  readonly comment?: string;
}

export interface DecisionContext {
  readonly requesterId: string;
  readonly implementerId: string | null;
}

export interface DecisionResult {
  readonly tally: ApprovalTally;
  readonly outcome: ApprovalOutcome;
}

/** The name of the one stage of a policy without stages. */
export const SINGLE_STAGE_NAME = 'approval';

export function startTally(policy: ApprovalPolicy): ApprovalTally {
  return { policy, decisions: [] };
}

export function stagesOf(policy: ApprovalPolicy): readonly ApprovalStage[] {
  switch (policy.kind) {
    case 'stages':
      return policy.stages;
    case 'at_least':
      return [{ name: SINGLE_STAGE_NAME, rule: 'at_least', count: policy.count, approvers: policy.approvers }];
    case 'any':
    case 'all':
      return [{ name: SINGLE_STAGE_NAME, rule: policy.kind, approvers: policy.approvers }];
  }
}

export function recordDecision(
  tally: ApprovalTally,
  request: DecisionRequest,
  context: DecisionContext,
  now: Date,
): DecisionResult {
  const roles = [...new Set(request.approverRoles)];
  const stage = stageToDecide(tally, request.approverId, roles, context);
  const reason = request.reason?.trim() || null;
  if (request.decision === 'reject' && !reason) throw new DomainError('reason_required', { field: 'reason' });
  const decision: ApprovalDecision = {
    approverId: request.approverId,
    approverRoles: roles,
    decision: request.decision,
    reason,
    comment: request.comment?.trim() || null,
    stage,
    decidedAt: now,
  };
  const next = { ...tally, decisions: [...tally.decisions, decision] };
  return { tally: next, outcome: approvalOutcome(next) };
}

/** The stage the person's decision counts for, or the reason they may not decide now. */
function stageToDecide(tally: ApprovalTally, approverId: string, roles: readonly Role[], context: DecisionContext): number {
  const outcome = approvalOutcome(tally);
  if (outcome !== 'pending') throw new DomainError('approval_settled', { outcome });
  if (approverId === context.requesterId || approverId === context.implementerId) {
    throw new DomainError('self_approval', { user: approverId });
  }
  const eligible = stagesOf(tally.policy).flatMap((stage, index) =>
    isEligible(stage, approverId, roles) ? [{ index, name: stage.name }] : [],
  );
  const [first] = eligible;
  if (!first) throw new DomainError('not_an_approver', { user: approverId });
  if (tally.decisions.some((decision) => decision.approverId === approverId)) {
    throw new DomainError('already_done', { event: 'decide' });
  }
  const open = openStageIndex(tally);
  if (eligible.some((stage) => stage.index === open)) return open;
  const later = eligible.find((stage) => stage.index > open);
  if (later) throw new DomainError('stage_not_open', { stage: later.name });
  // Only earlier stages, already approved by others, would take this person's decision.
  throw new DomainError('already_done', { stage: first.name });
}

function isEligible(stage: ApprovalStage, approverId: string, roles: readonly Role[]): boolean {
  return stage.approvers.some((entry) => meets(entry, approverId, roles));
}

function meets(entry: string, approverId: string, roles: readonly Role[]): boolean {
  return entry === approverId || (isRole(entry) && roles.includes(entry));
}

export function approvalOutcome(tally: ApprovalTally): ApprovalOutcome {
  if (tally.decisions.some((decision) => decision.decision === 'reject')) return 'rejected';
  return openStageIndex(tally) === stagesOf(tally.policy).length ? 'approved' : 'pending';
}

/** The first stage still short of approvals; the number of stages when all are met. */
function openStageIndex(tally: ApprovalTally): number {
  const stages = stagesOf(tally.policy);
  const open = stages.findIndex((stage, index) => !isMet(stage, approvalsIn(tally, index)));
  return open === -1 ? stages.length : open;
}

function approvalsIn(tally: ApprovalTally, stage: number): ApprovalDecision[] {
  return tally.decisions.filter((decision) => decision.stage === stage && decision.decision === 'approve');
}

function isMet(stage: ApprovalStage, approvals: readonly ApprovalDecision[]): boolean {
  return received(stage, approvals) >= needed(stage);
}

function needed(stage: ApprovalStage): number {
  switch (stage.rule) {
    case 'any':
      return 1;
    case 'all':
      return stage.approvers.length;
    case 'at_least':
      return stage.count;
  }
}

/** Approvals that count: entries met for 'all', people for the other rules. */
function received(stage: ApprovalStage, approvals: readonly ApprovalDecision[]): number {
  if (stage.rule === 'all') return stage.approvers.length - unmetEntries(stage, approvals).length;
  return approvals.length;
}

function unmetEntries(stage: ApprovalStage, approvals: readonly ApprovalDecision[]): string[] {
  return stage.approvers.filter(
    (entry) => !approvals.some((approval) => meets(entry, approval.approverId, approval.approverRoles)),
  );
}

export type StageStatus = 'waiting' | 'open' | 'approved' | 'rejected';

/** One stage of the live tally, as an approval card shows it. */
export interface StageSummary {
  readonly name: string;
  readonly rule: ApprovalRule;
  readonly needed: number;
  readonly received: number;
  readonly rejections: number;
  readonly status: StageStatus;
  /** Approver entries (user ids or roles) whose approval would still count; empty unless open. */
  readonly awaiting: readonly string[];
}

export interface TallySummary {
  readonly outcome: ApprovalOutcome;
  readonly stages: readonly StageSummary[];
}

export function tallySummary(tally: ApprovalTally): TallySummary {
  const outcome = approvalOutcome(tally);
  const open = outcome === 'pending' ? openStageIndex(tally) : -1;
  const stages = stagesOf(tally.policy).map((stage, index) => summariseStage(tally, stage, index, index === open));
  return { outcome, stages };
}

function summariseStage(tally: ApprovalTally, stage: ApprovalStage, index: number, isOpen: boolean): StageSummary {
  const approvals = approvalsIn(tally, index);
  const rejections = tally.decisions.filter((decision) => decision.stage === index && decision.decision === 'reject').length;
  return {
    name: stage.name,
    rule: stage.rule,
    needed: needed(stage),
    received: received(stage, approvals),
    rejections,
    status: stageStatus(rejections, isMet(stage, approvals), isOpen),
    awaiting: isOpen ? awaitedEntries(tally, stage, approvals) : [],
  };
}

function stageStatus(rejections: number, met: boolean, isOpen: boolean): StageStatus {
  if (rejections > 0) return 'rejected';
  if (met) return 'approved';
  return isOpen ? 'open' : 'waiting';
}

function awaitedEntries(tally: ApprovalTally, stage: ApprovalStage, approvals: readonly ApprovalDecision[]): string[] {
  if (stage.rule === 'all') return unmetEntries(stage, approvals);
  // A role still counts while any of its holders may decide; a listed user only until they have.
  return stage.approvers.filter((entry) => !tally.decisions.some((decision) => decision.approverId === entry));
}
