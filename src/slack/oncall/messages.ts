import { translatorFor } from '../../i18n/index.js';
import type { OnCallMessages } from '../../services/oncall.js';
import type { Settings } from '../../settings/schema.js';
import { handoffMessage } from './blocks.js';

export function slackOnCallMessages(settings: () => Settings): OnCallMessages {
  return {
    handoff(rotation, shift, previous) {
      const current = settings();
      const content = handoffMessage(translatorFor(current.defaultLocale), rotation, shift, previous);
      return [{ orderingKey: `oncall:${rotation.team}`, payload: { operation: 'post', channel: rotation.channel ?? current.channels.serviceDesk, content } }];
    },
  };
}
