import type { Logger } from 'pino';
import type { ChangeService } from '../services/changes.js';
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
  directory: SlackDirectory;
  settings: () => Settings;
  logger: Logger;
  /** A private word to a user when there is no response_url (e.g. after a modal). */
  notifyUser(userId: string, text: string): Promise<void>;
}
