// What each incident event says in Slack, and to whom: rendered here, delivered by the outbox.
import { incidentRecordKey, type IncidentRecord } from '../../db/repositories/incidents.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageContent, MessageRef, OutboxDraft } from '../../outbox/messages.js';
import type { RequestActor } from '../../services/context.js';
import type { IncidentChange, IncidentMessages } from '../../services/incidents.js';
import type { Settings } from '../../settings/schema.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { fixedQuestion, majorSummary, surveyQuestion } from './action-blocks.js';
import { incidentCard } from './blocks.js';
import { slackDate } from '../format.js';
import type { SlaMessages } from '../../services/sla.js';

export function cardRef(incident: Pick<IncidentRecord, 'id'>): MessageRef {
  return { recordKey: incidentRecordKey(incident.id), purpose: 'card' };
}

export function majorChannelRef(incident: Pick<IncidentRecord, 'id'>): MessageRef {
  return { recordKey: incidentRecordKey(incident.id), purpose: 'major_channel' };
}

/** Security incidents never go to the public desk channel. */
export function deskChannelFor(incident: Pick<IncidentRecord, 'isSecurity'>, settings: Settings): string {
  return incident.isSecurity && settings.channels.security ? settings.channels.security : settings.channels.serviceDesk;
}

/** The ticket card as the desk channel shows it, in the desk's language. */
export function deskCard(settings: Settings, incident: IncidentRecord): MessageContent {
  return incidentCard({ t: translatorFor(settings.defaultLocale), locale: settings.defaultLocale, categories: settings.categories, incident });
}

const mention = (userId: string, t: Translate) => (userId === 'system' ? t('timeline.system') : `<@${userId}>`);
const text = (value: string) => ({ text: truncate(value, LIMITS.sectionText) });

/** SLA warnings and breaches: in the ticket's thread, and to the assignee (the desk channel while unassigned). */
export function slackSlaMessages(settings: () => Settings): SlaMessages {
  return {
    alert(incident, { kind, fraction, target }) {
      const current = settings();
      const t = translatorFor(current.defaultLocale);
      const about = { number: incident.number, priority: incident.priority, title: escapeMrkdwn(incident.title), target: t(`sla.target.${kind}`), due: target.dueAt ? slackDate(target.dueAt) : '—' };
      const line = fraction >= 1 ? t('sla.breach', about) : t('sla.warning', { ...about, percent: Math.round(fraction * 100) });
      const orderingKey = incidentRecordKey(incident.id);
      const inThread: OutboxDraft = { orderingKey, payload: { operation: 'post', channel: deskChannelFor(incident, current), thread: cardRef(incident), content: text(line) } };
      const direct: OutboxDraft = incident.assigneeId
        ? { orderingKey, payload: { operation: 'post', channel: incident.assigneeId, content: text(line) } }
        : { orderingKey, payload: { operation: 'post', channel: deskChannelFor(incident, current), content: text(`${line} ${t('sla.unassigned_suffix')}`) } };
      return [inThread, direct];
    },
  };
}

export function slackIncidentMessages(settings: () => Settings): IncidentMessages {
  const deskLocale = () => settings().defaultLocale;
  const renderCard = (incident: IncidentRecord) => deskCard(settings(), incident);
  const draft = (incident: IncidentRecord, payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: incidentRecordKey(incident.id), payload });
  const toReporter = (incident: IncidentRecord, content: MessageContent) =>
    draft(incident, { operation: 'post', channel: incident.reporterId, content });

  /** Functional escalation tells the next line; hierarchical escalation tells the incident managers. */
  const escalationNotices = ({ event, after, actorId }: IncidentChange): OutboxDraft[] => {
    if (event.type !== 'escalate_functional' && event.type !== 'escalate_hierarchical') return [];
    const current = settings();
    const t = translatorFor(current.defaultLocale);
    const about = { number: after.number, title: escapeMrkdwn(after.title), priority: after.priority, reason: escapeMrkdwn(event.reason) };
    const role = event.type === 'escalate_functional' ? event.tier : 'incident_manager';
    const notice =
      event.type === 'escalate_functional'
        ? t('escalation.functional', { ...about, tier: t(`tier.${event.tier}`) })
        : t('escalation.hierarchical', { ...about, actor: mention(actorId, t) });
    const members = current.roles[role] ?? { users: [], usergroups: [] };
    // A security incident is announced only in its own (security) thread, never in a line's channel.
    const channel = event.type === 'escalate_functional' && !after.isSecurity ? current.channels[event.tier === 'second_line' ? 'secondLine' : 'thirdLine'] : null;
    if (channel) return [draft(after, { operation: 'post', channel, content: text(notice) })];
    const people = [...members.users.map((user) => `<@${user}>`), ...members.usergroups.map((group) => `<!subteam^${group}>`)];
    const inThread = people.length > 0 ? [draft(after, { operation: 'post', channel: deskChannelFor(after, current), thread: cardRef(after), content: text(t('escalation.mention', { people: people.join(' ') })) })] : [];
    const directly = event.type === 'escalate_hierarchical' ? members.users.map((user) => draft(after, { operation: 'post', channel: user, content: text(notice) })) : [];
    return [...inThread, ...directly];
  };

  /** A major incident gets its own channel with a pinned summary; updates go there and to the stakeholders. */
  const majorNotices = ({ event, after, actorId }: IncidentChange): OutboxDraft[] => {
    const current = settings();
    const t = translatorFor(current.defaultLocale);
    const about = { number: after.number, title: escapeMrkdwn(after.title) };
    // Security incidents stay with the security team: no stakeholder channel.
    const toStakeholders = (content: MessageContent) =>
      current.channels.stakeholders && !after.isSecurity ? [draft(after, { operation: 'post', channel: current.channels.stakeholders, content })] : [];
    if (event.type === 'declare_major') {
      const lead = `<@${event.leadId}>`;
      const invite = [...new Set([event.leadId, after.assigneeId, actorId].filter((user): user is string => Boolean(user) && user !== 'system'))];
      const summary = majorSummary(t, after, event.summary, current.incidents.majorUpdateEveryMinutes);
      const channelName = after.number.toLowerCase();
      return [
        draft(after, { operation: 'open_channel', name: channelName, isPrivate: after.isSecurity, invite, content: summary, saveAs: majorChannelRef(after) }),
        ...toStakeholders(text(t('major.declared.stakeholders_no_channel', { ...about, lead }))),
      ];
    }
    if (event.type === 'major_update') {
      const update = text(t('major.update', { ...about, actor: mention(actorId, t), text: escapeMrkdwn(event.text) }));
      return [draft(after, { operation: 'post', channel: deskChannelFor(after, current), channelOf: majorChannelRef(after), content: update }), ...toStakeholders(update)];
    }
    return [];
  };

  return {
    reported(incident, reporter: RequestActor, responseUrl) {
      const t = translatorFor(reporter.locale);
      const confirmation = text(t('incident.reported', { number: incident.number, title: escapeMrkdwn(incident.title), priority: t(`priority.${incident.priority}`) }));
      return [
        // The private confirmation goes on its own: a response_url that has expired must not hold the card back.
        responseUrl ? { orderingKey: `${incidentRecordKey(incident.id)}:respond`, payload: { operation: 'respond', responseUrl, content: confirmation } } : toReporter(incident, confirmation),
        draft(incident, { operation: 'post', channel: deskChannelFor(incident, settings()), content: renderCard(incident), saveAs: cardRef(incident) }),
      ];
    },

    changed(change) {
      const { after } = change;
      const timeline = timelineLine(translatorFor(deskLocale()), change);
      const drafts = [
        draft(after, { operation: 'update', target: cardRef(after), content: renderCard(after) }),
        draft(after, { operation: 'post', channel: deskChannelFor(after, settings()), thread: cardRef(after), content: text(timeline) }),
      ];
      const forReporter = reporterMessage(translatorFor(after.reporterLocale), change);
      if (forReporter) drafts.push(toReporter(after, forReporter));
      return [...drafts, ...escalationNotices(change), ...majorNotices(change)];
    },

    duplicateLinked(original, duplicate, actorId) {
      const t = translatorFor(deskLocale());
      const line = t('timeline.duplicate_linked', { actor: mention(actorId, t), number: duplicate.number });
      return [draft(original, { operation: 'post', channel: deskChannelFor(original, settings()), thread: cardRef(original), content: text(line) })];
    },

    majorReminder(incident) {
      if (!incident.major) return [];
      const t = translatorFor(settings().defaultLocale);
      return [draft(incident, { operation: 'post', channel: incident.major.leadId, content: text(t('major.reminder', { number: incident.number, title: escapeMrkdwn(incident.title) })) })];
    },

    answerRecorded(incident) {
      const t = translatorFor(incident.reporterLocale);
      return [toReporter(incident, text(t('reporter.answer_recorded', { number: incident.number })))];
    },

    surveyCommented(incident, comment) {
      const desk = translatorFor(deskLocale());
      const line = desk('timeline.survey_comment', { actor: mention(incident.reporterId, desk), text: escapeMrkdwn(comment) });
      const thanks = translatorFor(incident.reporterLocale)('reporter.comment_recorded', { number: incident.number });
      return [
        draft(incident, { operation: 'post', channel: deskChannelFor(incident, settings()), thread: cardRef(incident), content: text(line) }),
        toReporter(incident, text(thanks)),
      ];
    },

    surveyAnswered(incident, rating) {
      const t = translatorFor(deskLocale());
      const line = t('timeline.survey', { actor: mention(incident.reporterId, t), rating: t(`rating.${rating}`) });
      return [draft(incident, { operation: 'post', channel: deskChannelFor(incident, settings()), thread: cardRef(incident), content: text(line) })];
    },
  };
}

function timelineLine(t: Translate, { event, actorId, before, after }: IncidentChange): string {
  const actor = mention(actorId, t);
  const escaped = (value: string) => escapeMrkdwn(value);
  switch (event.type) {
    case 'assign':
      return t('timeline.assign', { actor, assignee: `<@${event.assigneeId}>` });
    case 'escalate_functional':
      return t('timeline.escalate_functional', { actor, tier: t(`tier.${event.tier}`), reason: escaped(event.reason) });
    case 'escalate_hierarchical':
    case 'reopen':
      return t(`timeline.${event.type}`, { actor, reason: escaped(event.reason) });
    case 'hold':
      return t('timeline.hold', { actor, kind: t(`hold.${event.kind}`), reason: escaped(event.reason) });
    case 'resolve':
      return t('timeline.resolve', { actor, code: t(`resolution.${event.code}`), notes: escaped(event.notes) });
    case 'mark_duplicate':
      return t('timeline.mark_duplicate', { actor, number: after.duplicateOf ?? event.duplicateOf });
    case 'change_priority':
      return t('timeline.change_priority', { actor, from: before.priority, to: after.priority, reason: escaped(event.reason) });
    case 'add_note':
      if (actorId === after.reporterId) return t('timeline.reporter_note', { actor, text: escaped(event.text) });
      return t(`timeline.add_note.${event.visibility}`, { actor, text: escaped(event.text) });
    case 'declare_major':
      return t('timeline.declare_major', { actor, lead: `<@${event.leadId}>`, summary: escaped(event.summary) });
    case 'major_update':
      return t('timeline.major_update', { actor, text: escaped(event.text) });
    case 'take':
    case 'resume':
    case 'confirm':
    case 'auto_close':
      return t(`timeline.${event.type}`, { actor });
  }
}

/** What the reporter is told directly, if anything, about this event. */
function reporterMessage(t: Translate, { event, actorId, before, after }: IncidentChange): MessageContent | null {
  const about = { number: after.number, title: escapeMrkdwn(after.title) };
  const assigned = after.assigneeId && after.assigneeId !== before.assigneeId && after.assigneeId !== after.reporterId;
  const byReporter = actorId === after.reporterId;
  switch (event.type) {
    case 'take':
    case 'assign':
      return assigned ? text(t('reporter.taken', { ...about, assignee: `<@${after.assigneeId}>` })) : null;
    case 'hold':
      return event.kind === 'awaiting_requester' ? text(t('reporter.awaiting_you', { ...about, reason: escapeMrkdwn(event.reason) })) : null;
    case 'add_note':
      return event.visibility === 'public' && !byReporter
        ? text(t('reporter.note', { ...about, actor: mention(actorId, t), text: escapeMrkdwn(event.text) }))
        : null;
    case 'resolve':
      return fixedQuestion(t, after, t('reporter.resolved', { ...about, notes: escapeMrkdwn(event.notes) }));
    case 'reopen':
      return byReporter ? text(t('reporter.reopened', about)) : null;
    case 'mark_duplicate':
      return text(t('reporter.closed_duplicate', { ...about, duplicateOf: after.duplicateOf ?? event.duplicateOf }));
    case 'confirm':
      return surveyQuestion(t, after, t('reporter.survey', about));
    case 'auto_close':
      return text(t('reporter.auto_closed', about));
    default:
      return null;
  }
}

