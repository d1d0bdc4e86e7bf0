// What each release event says in Slack: the card (updated in place), its thread, and the release
// notes to the stakeholders when it is deployed.
import { releaseRecordKey, type ReleaseRecord } from '../../db/repositories/releases.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageRef, OutboxDraft } from '../../outbox/messages.js';
import type { ReleaseMessages } from '../../services/releases.js';
import type { Settings } from '../../settings/schema.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { releaseCard } from './blocks.js';

const cardRef = (release: ReleaseRecord): MessageRef => ({ recordKey: releaseRecordKey(release.id), purpose: 'card' });

export function slackReleaseMessages(settings: () => Settings): ReleaseMessages {
  const translator = (): Translate => translatorFor(settings().defaultLocale);
  const channel = () => settings().channels.cab ?? settings().channels.serviceDesk;
  const draft = (release: ReleaseRecord, payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: releaseRecordKey(release.id), payload });
  const thread = (release: ReleaseRecord, text: string) => draft(release, { operation: 'post', channel: channel(), thread: cardRef(release), content: { text: truncate(text, LIMITS.messageText) } });
  return {
    planned(release, states) {
      const t = translator();
      return [
        draft(release, { operation: 'post', channel: channel(), content: releaseCard(t, release, states), saveAs: cardRef(release) }),
        thread(release, t('release.timeline.planned', { user: `<@${release.creatorId}>` })),
      ];
    },
    changed(_before, after, event, actorId, states) {
      const t = translator();
      const drafts = [
        draft(after, { operation: 'update', target: cardRef(after), content: releaseCard(t, after, states) }),
        thread(after, t(`release.timeline.${event.type}`, { user: `<@${actorId}>`, reason: event.type === 'roll_back' ? escapeMrkdwn(event.reason) : '' })),
      ];
      if (event.type === 'deploy') {
        const notes = t('release.notes', { number: after.number, name: escapeMrkdwn(after.name), changes: after.changeNumbers.join(', '), notes: escapeMrkdwn(after.notes) });
        drafts.push(draft(after, { operation: 'post', channel: settings().channels.stakeholders ?? settings().channels.serviceDesk, content: { text: truncate(notes, LIMITS.messageText) } }));
      }
      return drafts;
    },
  };
}
