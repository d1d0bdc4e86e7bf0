// What an escalation says: a DM with Acknowledge / Snooze to each person pinged, and a line in
// the ticket's thread.
import type { Button } from '@slack/types';
import { incidentRecordKey, type IncidentRecord } from '../../db/repositories/incidents.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageContent, OutboxDraft } from '../../outbox/messages.js';
import type { EscalationMessages, EscalationPing } from '../../services/escalations.js';
import type { Settings } from '../../settings/schema.js';
import { ESCALATION_ACTIONS } from '../ids.js';
import { slackDate } from '../format.js';
import { cardRef, deskChannelFor } from '../incident/messages.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value, ...(style ? { style } : {}) };
}

function pingMessage(t: Translate, ping: EscalationPing, who: string): MessageContent {
  const { incident } = ping;
  const text = t('escalation.ping', { number: incident.number, priority: incident.priority, title: escapeMrkdwn(incident.title), who, round: ping.round + 1 });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
      {
        type: 'actions',
        block_id: 'escalation',
        elements: [
          button(t('escalation.button.ack'), ESCALATION_ACTIONS.acknowledge, String(ping.escalationId), 'primary'),
          button(t('escalation.button.snooze'), ESCALATION_ACTIONS.snooze, String(ping.escalationId)),
        ],
      },
    ],
  };
}

export function slackEscalationMessages(settings: () => Settings): EscalationMessages {
  const deskT = () => translatorFor(settings().defaultLocale);
  const draft = (incident: IncidentRecord, payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: incidentRecordKey(incident.id), payload });
  const inThread = (incident: IncidentRecord, text: string) =>
    draft(incident, { operation: 'post', channel: deskChannelFor(incident, settings()), thread: cardRef(incident), content: { text } });

  return {
    ping(ping) {
      const t = deskT();
      const who = ping.step.notify === 'on_call' ? t('escalation.who.on_call', { tier: t(`tier.${ping.incident.tier}`) }) : t('escalation.who.incident_manager');
      const round = ping.round + 1;
      if (ping.userIds.length === 0 && ping.usergroups.length === 0) return [inThread(ping.incident, t('escalation.nobody', { who, round }))];
      const people = [...ping.userIds.map((user) => `<@${user}>`), ...ping.usergroups.map((group) => `<!subteam^${group}>`)].join(' ');
      return [
        inThread(ping.incident, t('escalation.thread', { who, round, people })),
        ...ping.userIds.map((user) => draft(ping.incident, { operation: 'post', channel: user, content: pingMessage(t, ping, who) })),
      ];
    },
    acknowledged(incident, actorId) {
      return [inThread(incident, deskT()('escalation.acknowledged', { actor: `<@${actorId}>` }))];
    },
    snoozed(incident, actorId, until) {
      return [inThread(incident, deskT()('escalation.snoozed', { actor: `<@${actorId}>`, until: slackDate(until) }))];
    },
  };
}
