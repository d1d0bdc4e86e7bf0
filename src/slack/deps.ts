import type { Logger } from 'pino';
import type { CatalogueService } from '../services/catalogue.js';
import type { ChangeService } from '../services/changes.js';
import type { CmdbService } from '../services/cmdb.js';
import type { MaintenanceService } from '../services/maintenance.js';
import type { RequestService } from '../services/requests.js';
import type { StaffDirectory } from '../services/staff-directory.js';
import type { IncidentService } from '../services/incidents.js';
import type { KnowledgeService } from '../services/knowledge.js';
import type { ProblemService } from '../services/problems.js';
import type { Settings } from '../settings/schema.js';
import type { SlackDirectory } from './directory.js';

/** What the listeners need: the services, who is acting, and the settings. */
export interface SlackDeps {
  incidents: IncidentService;
  problems: ProblemService;
  knowledge: KnowledgeService;
  changes: ChangeService;
  requests: RequestService;
  catalogue: CatalogueService;
  /** The staff directory (departments and their heads); `directory` is who is acting in Slack. */
  staff: StaffDirectory;
  cmdb: CmdbService;
  maintenance: MaintenanceService;
  directory: SlackDirectory;
  settings: () => Settings;
  logger: Logger;
  /** A private word to a user when there is no response_url (e.g. after a modal). */
  notifyUser(userId: string, text: string): Promise<void>;
}
