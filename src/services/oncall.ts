// On-call use cases: who is on call now (and next), overrides set by team leads, and the handoff
// announcements.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { insertOverride, overridesEndingAfter } from '../db/repositories/oncall-overrides.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { DomainError } from '../domain/errors.js';
import { checkOverrideWindow, handoffsBetween, localDateTime, mayOverride, onCallAt, type Override, type Rotation, type Shift } from '../domain/oncall.js';
import type { Actor } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';

export interface OnCallNow {
  rotation: Rotation;
  current: Shift;
  next: Shift;
}

/** `/oncall override [team] @user <from> <to>` as typed: times are wall-clock in the team's zone. */
export interface OverrideRequest {
  team?: string;
  userId: string;
  from: string;
  to: string;
}

export interface OverrideSet extends Override {
  rotation: Rotation;
}

export interface OnCallMessages {
  handoff(rotation: Rotation, shift: Shift, previous: Shift): OutboxDraft[];
  overrideSet(override: OverrideSet, setBy: string): OutboxDraft[];
}

export interface OnCallServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: OnCallMessages;
}

export class OnCallService {
  constructor(private readonly deps: OnCallServiceDeps) {}

  rotations(): Rotation[] {
    return this.deps.settings().oncall.rotations;
  }

  /** Who is on call for every team (or one), and who comes next. */
  async whoIsOnCall(team?: string): Promise<OnCallNow[]> {
    const now = this.deps.clock.now();
    const overrides = await this.deps.db.transaction((tx) => this.overridesAfter(tx, now));
    const rotations = this.rotations().filter((rotation) => !team || rotation.team === team);
    return rotations.map((rotation) => {
      const current = onCallAt(rotation, overrides, now);
      return { rotation, current, next: onCallAt(rotation, overrides, current.endsAt) };
    });
  }

  /** The person on call for the team at `at`, or undefined when the team has no rotation. */
  async onCallUserAt(tx: Tx, team: string, at: Date): Promise<string | undefined> {
    const rotation = this.rotations().find((candidate) => candidate.team === team);
    return rotation && onCallAt(rotation, await this.overridesAfter(tx, at), at).userId;
  }

  /** A lead puts someone on call for a window; the team's channel is told. */
  async setOverride(actor: Actor, request: OverrideRequest): Promise<OverrideSet> {
    const rotation = this.rotationFor(actor, request.team);
    if (!mayOverride(actor, rotation)) throw new DomainError('not_team_lead', { team: rotation.team });
    const [from, to] = [request.from, request.to].map((text) => {
      const instant = localDateTime(text, rotation.timeZone);
      if (!instant) throw new DomainError('invalid_date', { text });
      return instant;
    }) as [Date, Date];
    const now = this.deps.clock.now();
    checkOverrideWindow(from, to, now);
    const override: OverrideSet = { rotation, team: rotation.team, userId: request.userId, from, to };
    await this.deps.db.transaction(async (tx) => {
      const id = await insertOverride(tx, { ...override, createdBy: actor.userId }, now);
      await appendAudit(tx, { recordType: 'oncall_override', recordId: id, recordNumber: `oncall:${rotation.team}` }, now, [
        { actorId: actor.userId, action: 'override_set', field: 'on_call', toValue: request.userId, details: { from: from.toISOString(), to: to.toISOString() } },
      ]);
      await enqueueMessages(tx, this.deps.messages.overrideSet(override, actor.userId), now);
    });
    return override;
  }

  /** Announces every handoff in (from, to]; the caller (a job slot) makes each window run once. */
  async announceHandoffs(from: Date, to: Date): Promise<number> {
    const overrides = await this.deps.db.transaction((tx) => this.overridesAfter(tx, new Date(from.getTime() - 1)));
    const drafts = this.rotations().flatMap((rotation) =>
      handoffsBetween(rotation, from, to).flatMap((handoff) => {
        const shift = { ...onCallAt(rotation, overrides, handoff.startsAt), endsAt: handoff.endsAt };
        const previous = onCallAt(rotation, overrides, new Date(handoff.startsAt.getTime() - 1));
        // An override spanning the handoff keeps the same person on call: nothing changes hands.
        return shift.userId === previous.userId ? [] : this.deps.messages.handoff(rotation, shift, previous);
      }),
    );
    if (drafts.length === 0) return 0;
    await this.deps.db.transaction((tx) => enqueueMessages(tx, drafts, this.deps.clock.now()));
    return drafts.length;
  }

  /** Overrides set with `/oncall override` (latest first, so it wins) and then those in the settings file. */
  private async overridesAfter(tx: Tx, since: Date): Promise<Override[]> {
    return [...(await overridesEndingAfter(tx, since)), ...this.deps.settings().oncall.overrides];
  }

  /** The named team, or the one team the actor leads when none is named. */
  private rotationFor(actor: Actor, team: string | undefined): Rotation {
    const rotations = this.rotations();
    const teams = rotations.map((rotation) => rotation.team).join(', ') || '—';
    if (team) {
      const named = rotations.find((rotation) => rotation.team === team);
      if (!named) throw new DomainError('unknown_team', { team, teams });
      return named;
    }
    const led = rotations.filter((rotation) => rotation.leads.includes(actor.userId));
    const only = led.length === 1 ? led[0] : rotations.length === 1 ? rotations[0] : undefined;
    if (!only) throw new DomainError('team_required', { teams: (led.length > 1 ? led : rotations).map((rotation) => rotation.team).join(', ') || '—' });
    return only;
  }
}
