import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';

export function helpMessage(t: Translate): MessageContent {
  return {
    text: `${t('help.title')}\n${t('help.body')}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: t('help.title') } },
      { type: 'section', text: { type: 'mrkdwn', text: t('help.body') } },
    ],
  };
}
