// What the CMDB says in Slack: the updates a completed change applied, in that change's thread.
import { changeRecordKey } from '../../db/repositories/changes.js';
import { translatorFor } from '../../i18n/index.js';
import type { CmdbMessages } from '../../services/cmdb.js';
import type { Settings } from '../../settings/schema.js';
import { RecordDrafts } from '../drafts.js';
import { escapeMrkdwn } from '../limits.js';

export function slackCmdbMessages(settings: () => Settings): CmdbMessages {
  return {
    updatedByChange(change, applied) {
      const t = translatorFor(settings().defaultLocale);
      const lines = applied.map((update) => t('cmdb.timeline.update', { item: update.itemKey, field: update.field, from: escapeMrkdwn(update.from || '—'), to: escapeMrkdwn(update.value || '—') }));
      const drafts = new RecordDrafts(changeRecordKey(change.id), settings().channels.cab ?? settings().channels.serviceDesk);
      return drafts.thread([t('cmdb.timeline.updated'), ...lines].join('\n')).drafts;
    },
  };
}
