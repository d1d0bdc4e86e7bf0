// The approval card of any record (a change, a service request): what is asked, the live tally
// of each stage, the decisions so far, and Approve / Reject while the vote is open.
import type { KnownBlock, MrkdwnElement } from '@slack/types';
import { tallySummary, type ApprovalDecision, type ApprovalTally, type StageSummary } from '../../domain/approval.js';
import { isRole } from '../../domain/roles.js';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

const plain = (text: string, max: number = LIMITS.buttonText) => ({ type: 'plain_text' as const, text: truncate(text, max) });
const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, max) });

export interface ApprovalCardInput {
  number: string;
  title: string;
  fields: MrkdwnElement[];
  tally: ApprovalTally | null;
  /** User groups of the open stage, mentioned on the card. */
  usergroups: readonly string[];
  /** The buttons' action ids are `<prefix>approve` and `<prefix>decline`; their value is the number. */
  actionPrefix: string;
  /** A stage's name in the reader's language. */
  stageName: (name: string) => string;
  /** Why the vote ended without a decision (the record was cancelled): shown, and the buttons go. */
  closed?: string;
}

export function approvalCardContent(t: Translate, input: ApprovalCardInput): MessageContent {
  const summary = input.tally ? tallySummary(input.tally) : null;
  const outcome = summary?.outcome ?? 'pending';
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('change.approval.header', { number: input.number }), LIMITS.headerText) },
    { type: 'section', text: mrkdwn(`*${escapeMrkdwn(input.title)}*`) },
    { type: 'section', fields: input.fields.slice(0, LIMITS.fields) },
    { type: 'section', text: mrkdwn([t(`change.approval.outcome.${outcome}`), ...(summary?.stages ?? []).map((stage) => stageLine(t, stage, input.stageName))].join('\n')) },
  ];
  const decisions = input.tally?.decisions ?? [];
  if (decisions.length > 0) blocks.push({ type: 'context', elements: decisions.slice(-LIMITS.contextElements).map((decision) => mrkdwn(decisionLine(t, decision), LIMITS.fieldText)) });
  const open = outcome === 'pending' && !input.closed;
  if (input.closed) blocks.push({ type: 'context', elements: [mrkdwn(input.closed)] });
  if (open && input.usergroups.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(t('change.approval.groups', { groups: input.usergroups.map((group) => `<!subteam^${group}>`).join(' ') }))] });
  if (open) {
    blocks.push({
      type: 'actions',
      block_id: `approval:${input.number}`,
      elements: [
        { type: 'button', action_id: `${input.actionPrefix}approve`, text: plain(t('change.action.approve')), style: 'primary', value: input.number },
        { type: 'button', action_id: `${input.actionPrefix}decline`, text: plain(t('change.action.decline')), style: 'danger', value: input.number },
      ],
    });
  }
  return { text: truncate(t('change.approval.fallback', { number: input.number, title: escapeMrkdwn(input.title), outcome: t(`change.approval.outcome.${outcome}`) }), LIMITS.messageText), blocks };
}

function stageLine(t: Translate, stage: StageSummary, stageName: (name: string) => string): string {
  const awaiting = stage.awaiting.map((entry) => (isRole(entry) ? t(`role.${entry}`) : `<@${entry}>`)).join(', ');
  return t('change.approval.stage', {
    status: t(`change.approval.status.${stage.status}`),
    name: stageName(stage.name),
    rule: t(`change.approval.rule.${stage.rule}`, { count: stage.needed }),
    received: stage.received,
    needed: stage.needed,
    awaiting: awaiting ? t('change.approval.awaiting', { who: awaiting }) : '',
  });
}

function decisionLine(t: Translate, decision: ApprovalDecision): string {
  const note = decision.reason ?? decision.comment;
  return t(decision.decision === 'approve' ? 'change.approval.approved_by' : 'change.approval.rejected_by', {
    user: `<@${decision.approverId}>`,
    note: note ? `: ${escapeMrkdwn(note)}` : '',
  });
}
