// Starts the playground as `npm run playground` does (config/playground.yml), on a fixed Monday
// morning, silent, on a free port.
import { createLogger } from '../../src/logger.js';
import { loadPlaygroundConfig } from '../../src/playground/config.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/playground.js';

/** Monday 2 March 2026, 10:00 in Shanghai (the service desk's time zone): the desk is open. */
export const MONDAY_MORNING = new Date('2026-03-02T02:00:00Z');

export const PEOPLE = {
  requester: 'U0REQUESTER',
  desk: 'U0DESK',
  incidentManager: 'U0INCIDENT',
  approver: 'U0APPROVER',
  changeManager: 'U0CHANGE',
  chinese: 'U0LILEI',
} as const;
export const GENERAL = 'C0GENERAL';
export const DESK = 'C0DESK';

export function startTestPlayground(): Promise<RunningPlayground> {
  return startPlayground({ config: loadPlaygroundConfig(), logger: createLogger('silent'), port: 0, startAt: MONDAY_MORNING });
}
