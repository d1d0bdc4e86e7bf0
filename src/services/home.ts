// The App Home: what it shows a person, and keeping it current. The services ask for a refresh of
// the Homes of the people a record concerns (reporter, assignee, requester, implementer, awaited
// approvers) in the transaction that changes it; the outbox publishes each Home when delivered,
// rendered from the data as it is then, one waiting publish per person however many changes.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import type { ChangeRecord } from '../db/repositories/changes.js';
import { recordHomeViewer, requestHomeRefresh } from '../db/repositories/home.js';
import type { IncidentRecord } from '../db/repositories/incidents.js';
import type { RequestRecord } from '../db/repositories/requests.js';
import { SYSTEM_ACTOR } from '../domain/incident.js';
import type { ChangeService } from './changes.js';
import type { RequestActor } from './context.js';
import type { IncidentService } from './incidents.js';
import type { OnCallNow, OnCallService } from './oncall.js';
import type { RequestService } from './requests.js';

export interface HomeRefresh {
  /** Queues a publish of these people's Homes (those who have opened it); nobody (null) and the bot are skipped. */
  request(tx: Tx, userIds: readonly (string | null)[], now: Date): Promise<void>;
}

export const homeRefresh: HomeRefresh = {
  request: (tx, userIds, now) => requestHomeRefresh(tx, userIds.filter((userId): userId is string => userId !== null && userId !== SYSTEM_ACTOR), now),
};

export interface HomeContent {
  reported: IncidentRecord[];
  queue: IncidentRecord[];
  approvals: ChangeRecord[];
  requestApprovals: RequestRecord[];
  onCall: OnCallNow[];
}

export interface HomeServiceDeps {
  db: Database;
  clock: Clock;
  incidents: IncidentService;
  changes: ChangeService;
  requests: Pick<RequestService, 'awaitingDecisionOf'>;
  oncall: OnCallService;
}

export class HomeService {
  constructor(private readonly deps: HomeServiceDeps) {}

  /** The person opened their Home: from now on it is published again when something of theirs changes. */
  async opened(userId: string): Promise<void> {
    await this.deps.db.transaction((tx) => recordHomeViewer(tx, userId, this.deps.clock.now()));
  }

  async contentFor(viewer: RequestActor): Promise<HomeContent> {
    const { queue, reported } = await this.deps.incidents.homeOf(viewer);
    const approvals = await this.deps.changes.awaitingDecisionOf(viewer);
    const requestApprovals = await this.deps.requests.awaitingDecisionOf(viewer);
    return { queue, reported, approvals, requestApprovals, onCall: await this.deps.oncall.whoIsOnCall() };
  }
}
