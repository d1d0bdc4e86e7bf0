// What each problem event says in Slack, and to whom: the problem card and its thread, the linked
// incidents' cards, threads and reporters, known errors offered to reporters, problem candidates.
import { incidentRecordKey, type IncidentRecord } from '../../db/repositories/incidents.js';
import { problemRecordKey, type ProblemRecord } from '../../db/repositories/problems.js';
import { candidateRecordKey, type CandidateRecord } from '../../db/repositories/trends.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageContent, MessageRef, OutboxDraft } from '../../outbox/messages.js';
import type { KnownErrorMessages } from '../../services/known-errors.js';
import type { ProblemChange, ProblemMessages } from '../../services/problems.js';
import type { TrendMessages } from '../../services/trends.js';
import type { Settings } from '../../settings/schema.js';
import { mentionOf } from '../block-kit.js';
import { cardRef, deskCard, deskChannelFor } from '../incident/messages.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { candidateCard, problemCard, type CandidateIncident } from './blocks.js';

export function problemCardRef(problem: Pick<ProblemRecord, 'id'>): MessageRef {
  return { recordKey: problemRecordKey(problem.id), purpose: 'card' };
}

function candidateCardRef(candidate: Pick<CandidateRecord, 'id'>): MessageRef {
  return { recordKey: candidateRecordKey(candidate.id), purpose: 'card' };
}

/** Problem cards, candidates and articles in review go to the problem channel, else to the desk's. */
export function problemChannel(settings: Settings): string {
  return settings.channels.problems ?? settings.channels.serviceDesk;
}

const text = (value: string): MessageContent => ({ text: truncate(value, LIMITS.sectionText) });

/** Drafts about one incident: its card, its thread and its reporter. */
function incidentDrafts(settings: Settings, incident: IncidentRecord) {
  const draft = (payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: incidentRecordKey(incident.id), payload });
  return {
    card: () => draft({ operation: 'update', target: cardRef(incident), content: deskCard(settings, incident) }),
    inThread: (line: string) => draft({ operation: 'post', channel: deskChannelFor(incident, settings), thread: cardRef(incident), content: text(line) }),
    toReporter: (line: string) => draft({ operation: 'post', channel: incident.reporterId, content: text(line) }),
  };
}

export function slackProblemMessages(settings: () => Settings): ProblemMessages & TrendMessages {
  const desk = () => translatorFor(settings().defaultLocale);
  const draft = (problem: ProblemRecord, payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: problemRecordKey(problem.id), payload });
  const renderCard = (problem: ProblemRecord) => {
    const current = settings();
    return problemCard({ t: desk(), locale: current.defaultLocale, categories: current.categories, problem });
  };
  const inProblemThread = (problem: ProblemRecord, line: string) =>
    draft(problem, { operation: 'post', channel: problemChannel(settings()), thread: problemCardRef(problem), content: text(line) });
  const renderCandidate = (candidate: CandidateRecord, incidents: readonly CandidateIncident[], taken?: { problem: string; actorId: string }) => {
    const current = settings();
    const windowDays = current.problems.trends.windowDays;
    return candidateCard({ t: desk(), locale: current.defaultLocale, categories: current.categories, candidate, incidents, windowDays, ...(taken ? { taken } : {}) });
  };

  /** A linked incident's card shows the problem, and its thread says who linked it. */
  const linkedToIncidents = (problem: ProblemRecord, incidents: readonly IncidentRecord[], actorId: string): OutboxDraft[] =>
    incidents.flatMap((incident) => {
      const about = incidentDrafts(settings(), incident);
      const t = desk();
      return [about.card(), about.inThread(t('problem.incident.linked', { actor: mentionOf(actorId, t('timeline.system')), number: problem.number, title: escapeMrkdwn(problem.title) }))];
    });

  /** The people on the open linked incidents hear of a workaround, and of the fix. */
  const toOpenIncidents = ({ event, after, openIncidents }: ProblemChange): OutboxDraft[] =>
    openIncidents.flatMap((incident) => {
      const about = incidentDrafts(settings(), incident);
      const t = desk();
      if (event.type === 'record_known_error') {
        return after.workaround ? [about.inThread(t('problem.incident.workaround', { number: after.number, workaround: escapeMrkdwn(after.workaround) }))] : [];
      }
      if (event.type !== 'resolve') return [];
      const notes = escapeMrkdwn(after.resolution?.notes ?? event.resolution);
      const reporterT = translatorFor(incident.reporterLocale);
      return [
        about.inThread(t('problem.incident.resolved', { number: after.number, title: escapeMrkdwn(after.title), notes })),
        about.toReporter(reporterT('problem.reporter.resolved', { incident: incident.number, title: escapeMrkdwn(incident.title), number: after.number, notes })),
      ];
    });

  return {
    created(problem, creator, linked) {
      const channel = problemChannel(settings());
      const confirmation = translatorFor(creator.locale)('problem.recorded', { number: problem.number, title: escapeMrkdwn(problem.title), priority: problem.priority, channel });
      return [
        draft(problem, { operation: 'post', channel, content: renderCard(problem), saveAs: problemCardRef(problem) }),
        draft(problem, { operation: 'post', channel: creator.userId, content: text(confirmation) }),
        ...linkedToIncidents(problem, linked, creator.userId),
      ];
    },

    changed(change) {
      const { after, actorId } = change;
      const drafts = [draft(after, { operation: 'update', target: problemCardRef(after), content: renderCard(after) }), inProblemThread(after, timelineLine(desk(), change))];
      if (change.event.type === 'assign' && change.event.ownerId !== actorId) {
        const line = desk()('problem.owner_assigned', { actor: `<@${actorId}>`, number: after.number, title: escapeMrkdwn(after.title) });
        drafts.push(draft(after, { operation: 'post', channel: change.event.ownerId, content: text(line) }));
      }
      return [...drafts, ...linkedToIncidents(after, change.linked, actorId), ...toOpenIncidents(change)];
    },

    candidateTaken(candidate, incidents, problem, actorId) {
      return [{ orderingKey: candidateRecordKey(candidate.id), payload: { operation: 'update', target: candidateCardRef(candidate), content: renderCandidate(candidate, incidents, { problem: problem.number, actorId }) } }];
    },

    linkedIncidentsResolved(problem, numbers, actorId) {
      return [inProblemThread(problem, desk()('problem.timeline.linked_resolved', { actor: `<@${actorId}>`, incidents: numbers.join(', ') }))];
    },

    linkedResolutionNotes(problem) {
      return desk()('problem.linked_resolution_notes', { number: problem.number, notes: problem.resolution?.notes ?? '' });
    },

    candidate(candidate, incidents) {
      const payload = { operation: 'post' as const, channel: problemChannel(settings()), content: renderCandidate(candidate, incidents), saveAs: candidateCardRef(candidate) };
      return [{ orderingKey: candidateRecordKey(candidate.id), payload }];
    },
  };
}

/** The reporter of a new incident hears of the workarounds of the known errors it matches. */
export function slackKnownErrorMessages(settings: () => Settings): KnownErrorMessages {
  return {
    offered(incident, matches) {
      const t = translatorFor(incident.reporterLocale);
      const lines = matches.flatMap((match) =>
        match.workaround
          ? [t('reporter.known_error', { number: incident.number, title: escapeMrkdwn(incident.title), problem: match.number, problemTitle: escapeMrkdwn(match.title), workaround: escapeMrkdwn(match.workaround) })]
          : [],
      );
      if (lines.length === 0) return [];
      return [incidentDrafts(settings(), incident).toReporter(lines.join('\n\n'))];
    },
  };
}

function timelineLine(t: Translate, { event, actorId, before, after }: ProblemChange): string {
  const actor = mentionOf(actorId, t('timeline.system'));
  const escaped = (value: string) => escapeMrkdwn(value);
  switch (event.type) {
    case 'assign':
      return t('problem.timeline.assign', { actor, owner: `<@${event.ownerId}>` });
    case 'record_known_error':
      return t('problem.timeline.record_known_error', { actor, rootCause: escaped(after.rootCause ?? '—'), workaround: escaped(after.workaround ?? '—') });
    case 'resolve':
      return after.resolution?.changeNumber
        ? t('problem.timeline.resolve_change', { actor, change: after.resolution.changeNumber, notes: escaped(event.resolution) })
        : t('problem.timeline.resolve', { actor, notes: escaped(event.resolution) });
    case 'reopen':
    case 'cancel':
      return t(`problem.timeline.${event.type}`, { actor, reason: escaped(event.reason) });
    case 'link_incident':
      return t('problem.timeline.link_incident', { actor, incident: normalised(event.incidentNumber) });
    case 'unlink_incident':
      return t('problem.timeline.unlink_incident', { actor, incident: normalised(event.incidentNumber), reason: escaped(event.reason) });
    case 'change_priority':
      return t('problem.timeline.change_priority', { actor, from: before.priority, to: after.priority, reason: escaped(event.reason) });
    case 'add_note':
      return t('problem.timeline.add_note', { actor, text: escaped(event.text) });
    case 'investigate':
    case 'close':
    case 'classify':
      return t(`problem.timeline.${event.type}`, { actor });
  }
}

function normalised(number: string): string {
  const parsed = parseRecordNumber(number);
  return parsed ? formatRecordNumber(parsed.prefix, parsed.sequence) : number;
}
