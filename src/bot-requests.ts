// The composition of service requests, the catalogue, the staff directory, the CMDB and planned
// maintenance (kept apart from bot.ts, which calls these three functions).
import fs from 'node:fs';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import { maintenanceReminderJob, requestSlaJob } from './jobs/request-jobs.js';
import type { JobScheduler } from './jobs/scheduler.js';
import { CatalogueService } from './services/catalogue.js';
import { CmdbService } from './services/cmdb.js';
import { MaintenanceService } from './services/maintenance.js';
import { RequestSlaTracker } from './services/request-sla.js';
import { homeRefresh } from './services/home.js';
import { RequestService } from './services/requests.js';
import { StaffDirectory } from './services/staff-directory.js';
import type { Settings } from './settings/schema.js';
import { registerCmdbListeners } from './slack/cmdb/listeners.js';
import { slackCmdbMessages } from './slack/cmdb/messages.js';
import type { SlackDeps } from './slack/deps.js';
import { registerMaintenanceListeners } from './slack/maintenance/listeners.js';
import { slackMaintenanceMessages } from './slack/maintenance/messages.js';
import { registerRequestActionListeners } from './slack/request/action-listeners.js';
import { registerCatalogueAdminListeners } from './slack/request/admin-listeners.js';
import { registerRequestListeners } from './slack/request/listeners.js';
import { slackRequestMessages } from './slack/request/messages.js';

export interface RequestAndCmdbServices {
  staff: StaffDirectory;
  catalogue: CatalogueService;
  requests: RequestService;
  requestSla: RequestSlaTracker;
  cmdb: CmdbService;
  maintenance: MaintenanceService;
}

export function requestAndCmdbServices(deps: { db: Database; clock: Clock; settings: () => Settings }): RequestAndCmdbServices {
  const { db, clock, settings } = deps;
  const staff = new StaffDirectory({ db, clock });
  const catalogue = new CatalogueService({ db, clock, settings });
  const requestMessages = slackRequestMessages(settings);
  const requestSla = new RequestSlaTracker({ db, settings, messages: requestMessages });
  const requests = new RequestService({ db, clock, settings, catalogue, staff, sla: requestSla, messages: requestMessages, homes: homeRefresh });
  const cmdb = new CmdbService({ db, clock, messages: slackCmdbMessages(settings) });
  const maintenance = new MaintenanceService({ db, clock, settings, staff, messages: slackMaintenanceMessages(settings) });
  return { staff, catalogue, requests, requestSla, cmdb, maintenance };
}

/** The settings' directory file, imported when it changed; a bad file stops the start with its problems. */
export async function importDirectoryFile(staff: StaffDirectory, file: string | null, logger: Logger): Promise<void> {
  if (!file) return;
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`directory.file names ${file}, which cannot be read`);
  }
  const result = await staff.importFile(csv, file);
  if (result && !result.ok) throw new Error(`directory.file ${file}: ${result.problems.map((problem) => `line ${problem.line}: ${problem.problem} ${problem.detail}`).join('; ')}`);
  if (result) logger.info({ file, people: result.total, departmentsWithoutHead: result.headless }, 'staff directory imported from its file');
}

export function registerRequestAndCmdbListeners(app: App, deps: SlackDeps): void {
  registerRequestListeners(app, deps);
  registerRequestActionListeners(app, deps);
  registerCatalogueAdminListeners(app, deps);
  registerCmdbListeners(app, deps);
  registerMaintenanceListeners(app, deps);
}

export function addRequestAndCmdbJobs(scheduler: JobScheduler, services: RequestAndCmdbServices): void {
  scheduler.add(requestSlaJob(services.requestSla));
  scheduler.add(maintenanceReminderJob(services.maintenance));
}
