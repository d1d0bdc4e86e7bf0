// What each incident event says in Slack, and to whom: rendered here, delivered by the outbox.
import { incidentRecordKey, type IncidentRecord } from '../../db/repositories/incidents.js';
import { translatorFor } from '../../i18n/index.js';
import type { MessageRef, OutboxDraft } from '../../outbox/messages.js';
import type { RequestActor } from '../../services/context.js';
import type { IncidentMessages } from '../../services/incidents.js';
import type { Settings } from '../../settings/schema.js';
import { incidentCard } from './blocks.js';

export function cardRef(incident: Pick<IncidentRecord, 'id'>): MessageRef {
  return { recordKey: incidentRecordKey(incident.id), purpose: 'card' };
}

/** Security incidents never go to the public desk channel. */
export function deskChannelFor(incident: Pick<IncidentRecord, 'isSecurity'>, settings: Settings): string {
  return incident.isSecurity && settings.channels.security ? settings.channels.security : settings.channels.serviceDesk;
}

export function slackIncidentMessages(settings: () => Settings): IncidentMessages {
  const renderCard = (incident: IncidentRecord) => {
    const current = settings();
    const locale = current.defaultLocale;
    return incidentCard({ t: translatorFor(locale), locale, categories: current.categories, incident });
  };
  return {
    reported(incident, reporter: RequestActor, responseUrl) {
      const t = translatorFor(reporter.locale);
      const confirmation = {
        text: t('incident.reported', { number: incident.number, title: incident.title, priority: t(`priority.${incident.priority}`) }),
      };
      const orderingKey = incidentRecordKey(incident.id);
      const toReporter: OutboxDraft = responseUrl
        ? { orderingKey, payload: { operation: 'respond', responseUrl, content: confirmation } }
        : { orderingKey, payload: { operation: 'post', channel: reporter.userId, content: confirmation } };
      const card: OutboxDraft = {
        orderingKey,
        payload: { operation: 'post', channel: deskChannelFor(incident, settings()), content: renderCard(incident), saveAs: cardRef(incident) },
      };
      return [toReporter, card];
    },
  };
}
