import { describe, expect, it } from 'vitest';
import { acknowledgeEscalation, DEFAULT_ESCALATION_POLICY, runStep, snoozeEscalation, startEscalation, type EscalationRun } from '../../src/domain/escalation.js';
import { DomainError } from '../../src/domain/errors.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 1, minutes));

describe('the escalation chain', () => {
  it('notifies on-call, waits, notifies the incident manager, and repeats for the configured rounds', () => {
    let run: EscalationRun = startEscalation(DEFAULT_ESCALATION_POLICY, at(0));
    const notified: string[] = [];
    const times: (string | null)[] = [];
    for (let minute = 0; run.state === 'running'; minute += 15) {
      expect(run.nextStepAt).toEqual(at(minute));
      const result = runStep(run, at(minute));
      notified.push(result.step.notify);
      run = result.run;
      times.push(run.nextStepAt?.toISOString() ?? null);
    }
    expect(notified).toEqual(['on_call', 'incident_manager', 'on_call', 'incident_manager']);
    expect(times).toEqual([at(15).toISOString(), at(30).toISOString(), at(45).toISOString(), null]);
    expect(run.state).toBe('finished');
  });

  it('stops when acknowledged, and a second acknowledgement is refused', () => {
    const acknowledged = acknowledgeEscalation(runStep(startEscalation(DEFAULT_ESCALATION_POLICY, at(0)), at(0)).run);
    expect(acknowledged).toMatchObject({ state: 'acknowledged', nextStepAt: null });
    expect(() => acknowledgeEscalation(acknowledged)).toThrow(DomainError);
    expect(() => runStep(acknowledged, at(15))).toThrow(DomainError);
  });

  it('snoozes the next step by 30 minutes from now', () => {
    const run = runStep(startEscalation(DEFAULT_ESCALATION_POLICY, at(0)), at(0)).run;
    expect(snoozeEscalation(run, at(5)).nextStepAt).toEqual(at(35));
  });

  it('never brings the next step forward', () => {
    const run = { ...runStep(startEscalation(DEFAULT_ESCALATION_POLICY, at(0)), at(0)).run, nextStepAt: at(50) };
    expect(snoozeEscalation(run, at(5)).nextStepAt).toEqual(at(50));
  });
});
