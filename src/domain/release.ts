// Releases (发布管理): a release groups changes that go live together, with a back-out plan and
// acceptance criteria. It is deployed once every change in it is done, then accepted (closed) or
// rolled back; a rollback points at problem management, since a latent cause may have made it fail.
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule } from './lifecycle.js';
import { DomainError } from './errors.js';
import { SYSTEM_ACTOR, type FieldChange } from './incident.js';
import { hasAnyRole, type Actor } from './roles.js';
import type { ChangeState } from './change.js';

export const RELEASE_STATES = ['planned', 'deployed', 'closed', 'rolled_back'] as const;
export type ReleaseStatus = (typeof RELEASE_STATES)[number];

export interface ReleaseState {
  readonly number: string;
  readonly name: string;
  readonly changeNumbers: readonly string[];
  readonly plannedFor: Date;
  readonly backoutPlan: string;
  readonly acceptanceCriteria: string;
  readonly notes: string;
  readonly state: ReleaseStatus;
  readonly creatorId: string;
  readonly deployedAt: Date | null;
  readonly deployedBy: string | null;
  readonly closedAt: Date | null;
  readonly acceptedBy: string | null;
  readonly rollback: { readonly reason: string; readonly at: Date } | null;
  readonly createdAt: Date;
}

export type ReleaseEvent =
  | { readonly type: 'deploy' }
  | { readonly type: 'accept' }
  | { readonly type: 'roll_back'; readonly reason: string };
export type ReleaseEventType = ReleaseEvent['type'];

type ReleaseActor = Actor | typeof SYSTEM_ACTOR;
type ReleaseParty = 'release_manager';

/** Change managers run releases; admins may step in. */
const RELEASE_TRANSITIONS: Readonly<Record<ReleaseEventType, TransitionRule<ReleaseStatus, ReleaseParty, ReleaseState, ReleaseActor>>> = {
  deploy: { to: { planned: 'deployed' }, by: ['release_manager'] },
  accept: { to: { deployed: 'closed' }, by: ['release_manager'] },
  roll_back: { to: { planned: 'rolled_back', deployed: 'rolled_back' }, by: ['release_manager'] },
};

const RELEASE_LIFECYCLE: Lifecycle<ReleaseEventType, ReleaseStatus, ReleaseParty, ReleaseState, ReleaseActor> = {
  table: RELEASE_TRANSITIONS,
  isFinished: (release) => release.state === 'closed' || release.state === 'rolled_back',
  numberOf: (release) => release.number,
  partiesOf: (_release, actor) => new Set<ReleaseParty>(actor !== SYSTEM_ACTOR && hasAnyRole(actor, ['change_manager', 'admin']) ? ['release_manager'] : []),
};

/** States of a change that count as done for its release: implemented (in review) or closed. */
const DONE_CHANGE_STATES: readonly ChangeState[] = ['review', 'closed'];

export type NewRelease = Pick<ReleaseState, 'number' | 'name' | 'changeNumbers' | 'plannedFor' | 'backoutPlan' | 'acceptanceCriteria' | 'notes' | 'creatorId'>;

export function createRelease(input: NewRelease, now: Date): ReleaseState {
  if (input.changeNumbers.length === 0) throw new DomainError('invalid_input', { field: 'changes' });
  return { ...input, state: 'planned', deployedAt: null, deployedBy: null, closedAt: null, acceptedBy: null, rollback: null, createdAt: now };
}

export function availableReleaseActions(release: ReleaseState, actor: ReleaseActor): ReleaseEventType[] {
  return availableEvents(RELEASE_LIFECYCLE, release, actor);
}

export function assertReleaseEventAllowed(release: ReleaseState, type: ReleaseEventType, actor: ReleaseActor): void {
  assertAllowed(RELEASE_LIFECYCLE, release, type, actor);
}

/**
 * Applies an event. Deploying needs the state of each change in the release: a release goes out
 * only when all its changes are done.
 */
export function applyReleaseEvent(
  release: ReleaseState,
  event: ReleaseEvent,
  actor: Actor,
  now: Date,
  changeStates: ReadonlyMap<string, ChangeState>,
): { release: ReleaseState; changes: FieldChange[] } {
  assertReleaseEventAllowed(release, event.type, actor);
  const next = effectOf(release, event, actor, now, changeStates);
  const to = RELEASE_TRANSITIONS[event.type].to[release.state] ?? release.state;
  return { release: { ...next, state: to }, changes: [{ field: 'state', from: release.state, to }] };
}

function effectOf(release: ReleaseState, event: ReleaseEvent, actor: Actor, now: Date, changeStates: ReadonlyMap<string, ChangeState>): ReleaseState {
  switch (event.type) {
    case 'deploy': {
      const open = release.changeNumbers.filter((number) => !DONE_CHANGE_STATES.includes(changeStates.get(number) ?? 'draft'));
      if (open.length > 0) throw new DomainError('release_changes_open', { numbers: open.join(', ') });
      return { ...release, deployedAt: now, deployedBy: actor.userId };
    }
    case 'accept':
      return { ...release, closedAt: now, acceptedBy: actor.userId };
    case 'roll_back': {
      const reason = event.reason.trim();
      if (!reason) throw new DomainError('reason_required', { field: 'reason' });
      return { ...release, rollback: { reason, at: now }, closedAt: now };
    }
  }
}
