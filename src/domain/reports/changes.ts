// Changes in the period: how many were raised (and the emergency share of them), and of those
// whose implementation ended in the period, how many succeeded (completed) and which failed
// (rolled back). Success rate = completed / (completed + failed).
import { CHANGE_TYPES, type ChangeType } from '../change.js';
import { percent, type ReportChange } from './data.js';
import { isWithin, type ReportPeriod } from './period.js';

export interface ChangeFigures {
  readonly raised: number;
  readonly raisedByType: Readonly<Record<ChangeType, number>>;
  /** Emergency changes as a share of those raised, in percent. */
  readonly emergencyShare: number | null;
  readonly implemented: number;
  readonly successful: number;
  readonly successRate: number | null;
  readonly failed: readonly ReportChange[];
}

export function changeFiguresOf(changes: readonly ReportChange[], period: ReportPeriod): ChangeFigures {
  const raised = changes.filter((change) => isWithin(period, change.createdAt));
  const ended = changes.filter((change) => isWithin(period, change.endedAt));
  const failed = ended.filter((change) => change.failureReason !== null);
  const raisedByType = Object.fromEntries(CHANGE_TYPES.map((type) => [type, raised.filter((change) => change.type === type).length])) as Record<ChangeType, number>;
  return {
    raised: raised.length,
    raisedByType,
    emergencyShare: percent(raisedByType.emergency, raised.length),
    implemented: ended.length,
    successful: ended.length - failed.length,
    successRate: percent(ended.length - failed.length, ended.length),
    failed: [...failed].sort((a, b) => a.number.localeCompare(b.number)),
  };
}
