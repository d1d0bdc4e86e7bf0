// On-call use cases: who is on call now (and next), and the handoff announcements.
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { handoffsBetween, onCallAt, type Rotation, type Shift } from '../domain/oncall.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import type { AfterCommit } from './context.js';

export interface OnCallNow {
  rotation: Rotation;
  current: Shift;
  next: Shift;
}

export interface OnCallMessages {
  handoff(rotation: Rotation, shift: Shift, previous: Shift): OutboxDraft[];
}

export interface OnCallServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: OnCallMessages;
  afterCommit: AfterCommit;
}

export class OnCallService {
  constructor(private readonly deps: OnCallServiceDeps) {}

  rotations(): Rotation[] {
    return this.deps.settings().oncall.rotations;
  }

  /** Who is on call for every team (or one), and who comes next. */
  whoIsOnCall(team?: string): OnCallNow[] {
    const { overrides } = this.deps.settings().oncall;
    const rotations = this.rotations().filter((rotation) => !team || rotation.team === team);
    const now = this.deps.clock.now();
    return rotations.map((rotation) => {
      const current = onCallAt(rotation, overrides, now);
      return { rotation, current, next: onCallAt(rotation, overrides, current.endsAt) };
    });
  }

  /** Announces every handoff in (from, to]; the caller (a job slot) makes each window run once. */
  async announceHandoffs(from: Date, to: Date): Promise<number> {
    const { overrides } = this.deps.settings().oncall;
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
    this.deps.afterCommit();
    return drafts.length;
  }
}
