// The escalation chain that runs after an SLA breach: notify the on-call engineer of the line
// holding the ticket, wait, notify the incident manager, and repeat, up to a limit. The policy is
// copied into the run when it starts, so later edits do not change a running escalation.
import { z } from 'zod';
import { DomainError } from './errors.js';

export const escalationStepSchema = z.object({
  notify: z.enum(['on_call', 'incident_manager']),
  /** Minutes to wait after this step before the next one. */
  waitMinutes: z.number().int().min(1).max(24 * 60),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export const escalationPolicySchema = z.object({
  steps: z.array(escalationStepSchema).min(1),
  /** How many times the whole chain runs. */
  rounds: z.number().int().min(1).max(10).default(2),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  steps: [
    { notify: 'on_call', waitMinutes: 15 },
    { notify: 'incident_manager', waitMinutes: 15 },
  ],
  rounds: 2,
};

export const SNOOZE_MINUTES = 30;

export type EscalationState = 'running' | 'acknowledged' | 'finished';

export interface EscalationRun {
  readonly policy: EscalationPolicy;
  /** The step that runs next, and in which round (both from 0). */
  readonly stepIndex: number;
  readonly round: number;
  readonly state: EscalationState;
  readonly nextStepAt: Date | null;
}

export function startEscalation(policy: EscalationPolicy, now: Date): EscalationRun {
  return { policy, stepIndex: 0, round: 0, state: 'running', nextStepAt: now };
}

/** Runs the due step: returns it (to notify) and the run with the following step scheduled. */
export function runStep(run: EscalationRun, now: Date): { step: EscalationStep; run: EscalationRun } {
  if (run.state !== 'running') throw new DomainError('already_done', { event: 'escalate' });
  const step = run.policy.steps[run.stepIndex];
  if (!step) throw new DomainError('invalid_input', { field: 'stepIndex' });
  const lastStep = run.stepIndex === run.policy.steps.length - 1;
  const round = lastStep ? run.round + 1 : run.round;
  const stepIndex = lastStep ? 0 : run.stepIndex + 1;
  if (round >= run.policy.rounds) return { step, run: { ...run, stepIndex, round, state: 'finished', nextStepAt: null } };
  return { step, run: { ...run, stepIndex, round, nextStepAt: new Date(now.getTime() + step.waitMinutes * 60_000) } };
}

/** Acknowledging stops the chain for the ticket. */
export function acknowledgeEscalation(run: EscalationRun): EscalationRun {
  if (run.state !== 'running') throw new DomainError('already_done', { event: 'acknowledge' });
  return { ...run, state: 'acknowledged', nextStepAt: null };
}

/** Snoozing puts the next step off to half an hour from now (never brings it forward). */
export function snoozeEscalation(run: EscalationRun, now: Date): EscalationRun {
  if (run.state !== 'running') throw new DomainError('already_done', { event: 'snooze' });
  const snoozedUntil = now.getTime() + SNOOZE_MINUTES * 60_000;
  return { ...run, nextStepAt: new Date(Math.max(snoozedUntil, run.nextStepAt?.getTime() ?? 0)) };
}
