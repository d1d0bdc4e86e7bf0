// Known errors offered on new incidents (已知错误): when an incident is reported, the open problems
// whose cause or workaround is known are matched against it; the matches are kept (the card shows
// them for as long as the problem offers them) and the reporter is sent the workarounds.
import type { Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import type { IncidentRecord } from '../db/repositories/incidents.js';
import { findOfferedKnownErrors, incidentProblemContext, saveKnownErrorMatches, type IncidentProblemContext } from '../db/repositories/problems.js';
import { matchKnownErrors, type KnownErrorMatch } from '../domain/known-error.js';
import { SYSTEM_ACTOR } from '../domain/incident.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { IncidentProblemLinks, KnownErrorOffer } from './incidents.js';

/** More would crowd the card; the best come first. */
export const MAX_KNOWN_ERROR_OFFERS = 3;

export interface KnownErrorMessages {
  /** What the reporter is told about the offered known errors (their workarounds). */
  offered(incident: IncidentRecord, matches: readonly KnownErrorMatch[]): OutboxDraft[];
}

export class KnownErrorAdvisor implements IncidentProblemLinks {
  constructor(private readonly messages: KnownErrorMessages) {}

  async offerKnownErrors(tx: Tx, incident: IncidentRecord, now: Date): Promise<KnownErrorOffer> {
    const knownErrors = await findOfferedKnownErrors(tx);
    const matches = matchKnownErrors(incident, knownErrors).slice(0, MAX_KNOWN_ERROR_OFFERS);
    if (matches.length === 0) return { count: 0, messages: [] };
    const problemIdOf = (number: string) => knownErrors.find((knownError) => knownError.number === number)?.id ?? 0;
    await saveKnownErrorMatches(tx, incident.id, matches.map((match) => ({ problemId: problemIdOf(match.number), reasons: match.reasons })), now);
    await appendAudit(
      tx,
      { recordType: 'incident', recordId: incident.id, recordNumber: incident.number },
      now,
      matches.map((match) => ({ actorId: SYSTEM_ACTOR, action: 'known_error_offered', toValue: match.number, details: { reasons: [...match.reasons] } })),
    );
    return { count: matches.length, messages: this.messages.offered(incident, matches) };
  }

  contextOf(tx: Tx, incident: IncidentRecord): Promise<IncidentProblemContext> {
    return incidentProblemContext(tx, incident.id);
  }
}
