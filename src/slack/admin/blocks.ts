// What `/itsm admin` answers: the role mapping and the dead-letter list.
import type { DeadLetter } from '../../db/repositories/outbox.js';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { RoleMapping } from '../../services/admin.js';
import { ADMIN_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionText) } });

export function rolesMessage(t: Translate, mapping: readonly RoleMapping[]): MessageContent {
  const lines = mapping.map(({ role, configured, granted }) => {
    const people = [
      ...configured.users.map((userId) => `<@${userId}>`),
      ...configured.usergroups.map((group) => `<!subteam^${group}>`),
      ...granted.map((userId) => t('admin.roles.granted', { user: `<@${userId}>` })),
    ];
    return t('admin.roles.line', { role: t(`role.${role}`), id: role, people: people.join(', ') || '—' });
  });
  const text = [`*${t('admin.roles.title')}*`, ...lines, t('admin.roles.hint')].join('\n');
  return { text: truncate(text, LIMITS.messageText), blocks: [section(text)] };
}

export function deadLettersMessage(t: Translate, letters: readonly DeadLetter[]): MessageContent {
  if (letters.length === 0) return { text: t('admin.dead.none') };
  const lines = letters.map((letter) =>
    t('admin.dead.line', { id: String(letter.id), operation: letter.operation, key: escapeMrkdwn(letter.orderingKey), attempts: letter.attempts, error: escapeMrkdwn(truncate(letter.lastError ?? '—', 200)) }),
  );
  const text = [`*${t('admin.dead.title', { count: letters.length })}*`, ...lines].join('\n');
  return {
    text: truncate(text, LIMITS.messageText),
    blocks: [section(text), { type: 'actions', block_id: 'admin.dead_letters', elements: [{ type: 'button', action_id: ADMIN_ACTIONS.retryAll, text: { type: 'plain_text', text: t('admin.dead.retry_all') }, value: 'all' }] }],
  };
}
