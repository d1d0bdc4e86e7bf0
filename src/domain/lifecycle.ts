// The one mechanism behind every record's life cycle (incident, change, problem, article): a
// table of events, each allowed from some states, for some parties, with an optional guard.
// Each record type supplies its table, who its parties are, and when it is finished.
import { DomainError } from './errors.js';

export interface TransitionRule<State extends string, Party extends string, Subject, Actor, Target = State> {
  /** Source state → target; a state missing here does not allow the event. */
  readonly to: Partial<Readonly<Record<State, Target>>>;
  readonly by: readonly Party[];
  /** A refusal that depends on the record and the actor only, so buttons for it are hidden too. */
  readonly guard?: (subject: Subject, actor: Actor) => DomainError | null;
}

export interface Lifecycle<EventType extends string, State extends string, Party extends string, Subject extends { state: State }, Actor, Target = State> {
  readonly table: Readonly<Record<EventType, TransitionRule<State, Party, Subject, Actor, Target>>>;
  /** A finished record refuses every event as record_closed. */
  isFinished(subject: Subject): boolean;
  numberOf(subject: Subject): string;
  partiesOf(subject: Subject, actor: Actor): ReadonlySet<Party>;
}

/** Why the actor may not cause the event now, or null. Checked in this order: finished record, state, party, guard. */
export function refusalOf<EventType extends string, State extends string, Party extends string, Subject extends { state: State }, Actor, Target>(
  lifecycle: Lifecycle<EventType, State, Party, Subject, Actor, Target>,
  subject: Subject,
  type: EventType,
  actor: Actor,
): DomainError | null {
  if (lifecycle.isFinished(subject)) return new DomainError('record_closed', { number: lifecycle.numberOf(subject) });
  const rule = lifecycle.table[type];
  if (!rule.to[subject.state]) return new DomainError('transition_not_allowed', { state: subject.state, event: type });
  const parties = lifecycle.partiesOf(subject, actor);
  if (!rule.by.some((party) => parties.has(party))) return new DomainError('not_allowed', { event: type });
  return rule.guard?.(subject, actor) ?? null;
}

/** Throws the refusal, if any (before opening a form for the event, or applying it). */
export function assertAllowed<EventType extends string, State extends string, Party extends string, Subject extends { state: State }, Actor, Target>(
  lifecycle: Lifecycle<EventType, State, Party, Subject, Actor, Target>,
  subject: Subject,
  type: EventType,
  actor: Actor,
): void {
  const refused = refusalOf(lifecycle, subject, type, actor);
  if (refused) throw refused;
}

/** The events the actor may cause now, in table order; used to choose which buttons to show. */
export function availableEvents<EventType extends string, State extends string, Party extends string, Subject extends { state: State }, Actor, Target>(
  lifecycle: Lifecycle<EventType, State, Party, Subject, Actor, Target>,
  subject: Subject,
  actor: Actor,
): EventType[] {
  // The table's type lists every event type exactly once, so its keys are all of them.
  return (Object.keys(lifecycle.table) as EventType[]).filter((type) => refusalOf(lifecycle, subject, type, actor) === null);
}
