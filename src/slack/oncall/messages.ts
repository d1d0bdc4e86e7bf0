import { translatorFor } from '../../i18n/index.js';
import type { Rotation } from '../../domain/oncall.js';
import type { MessageContent, OutboxDraft } from '../../outbox/messages.js';
import type { OnCallMessages } from '../../services/oncall.js';
import type { Settings } from '../../settings/schema.js';
import { handoffMessage, overrideAnnouncement } from './blocks.js';

export function slackOnCallMessages(settings: () => Settings): OnCallMessages {
  const t = () => translatorFor(settings().defaultLocale);
  /** A post in the team's channel (else the service desk), in order with the team's other news. */
  const toTeam = (rotation: Rotation, content: MessageContent): OutboxDraft[] => [
    { orderingKey: `oncall:${rotation.team}`, payload: { operation: 'post', channel: rotation.channel ?? settings().channels.serviceDesk, content } },
  ];
  return {
    handoff: (rotation, shift, previous) => toTeam(rotation, handoffMessage(t(), rotation, shift, previous)),
    overrideSet: (override, setBy) => toTeam(override.rotation, overrideAnnouncement(t(), override, setBy)),
  };
}
