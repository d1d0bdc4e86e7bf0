// What an incident card shows about problems: the known errors offered on it (with a button to link
// the incident to one), the problems it is linked to, and the buttons that start a problem or an article.
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { IncidentRecord } from '../../db/repositories/incidents.js';
import type { Translate } from '../../i18n/index.js';
import { button } from '../block-kit.js';
import { ARTICLE_ACTIONS, PROBLEM_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export function knownErrorBlocks(t: Translate, incident: IncidentRecord, withActions: boolean): KnownBlock[] {
  const context = incident.problems;
  if (!context) return [];
  return context.knownErrors.map((knownError, index): KnownBlock => {
    const lines = [t('incident.card.known_error', { number: knownError.number, title: escapeMrkdwn(knownError.title) })];
    if (knownError.workaround) lines.push(t('incident.card.known_error.workaround', { text: escapeMrkdwn(knownError.workaround) }));
    if (knownError.rootCause) lines.push(t('incident.card.known_error.root_cause', { text: escapeMrkdwn(knownError.rootCause) }));
    const linkable = withActions && incident.state !== 'closed' && !context.linkedProblems.includes(knownError.number);
    const link = button(t('problem.button.link_known_error', { number: knownError.number }), `${PROBLEM_ACTIONS.linkKnownError}.${index + 1}`, `${knownError.number} ${incident.number}`);
    const text = { type: 'mrkdwn' as const, text: truncate(lines.join('\n'), LIMITS.sectionText) };
    return { type: 'section', block_id: `known_error:${index + 1}`, text, ...(linkable ? { accessory: link } : {}) };
  });
}

/** A context line naming the problems the incident is linked to, if any. */
export function linkedProblemsLine(t: Translate, incident: IncidentRecord): string | null {
  const linked = incident.problems?.linkedProblems ?? [];
  return linked.length > 0 ? t('incident.card.problems', { numbers: linked.join(', ') }) : null;
}

/**
 * "Create problem" while the incident is open or resolved, "Save as article" once it is resolved.
 * Security incidents stay with the security team: neither is offered on them.
 */
export function problemButtons(t: Translate, incident: IncidentRecord): ActionsBlock['elements'] {
  if (incident.isSecurity || incident.state === 'closed') return [];
  const buttons = [button(t('problem.button.create'), PROBLEM_ACTIONS.createFromIncident, incident.number)];
  if (incident.state === 'resolved') buttons.push(button(t('article.button.save'), ARTICLE_ACTIONS.saveFromIncident, incident.number));
  return buttons;
}
