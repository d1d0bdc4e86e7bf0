// Composition root: settings → database → services → Slack app → outbox worker.
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import type { Environment } from './config.js';
import { openMigratedDatabase, type Database } from './db/database.js';
import { targetFromUrl, type DatabaseTarget } from './db/adapter.js';
import { addRequestAndCmdbJobs, importDirectoryFile, registerRequestAndCmdbListeners, requestAndCmdbServices } from './bot-requests.js';
import { autoCloseJob, escalationJob, majorIncidentReminderJob, slaAlertJob } from './jobs/incident-jobs.js';
import { JobScheduler } from './jobs/scheduler.js';
import { handoffAnnouncementJob } from './jobs/oncall-jobs.js';
import { IncidentService } from './services/incidents.js';
import { EscalationService } from './services/escalations.js';
import { OnCallService } from './services/oncall.js';
import { SlaTracker } from './services/sla.js';
import { calendarYearsAround, yearsWithoutChinaHolidayData } from './settings/calendar.js';
import type { Settings } from './settings/schema.js';
import { createSlackApp } from './slack/app.js';
import { boltLogger } from './slack/bolt-logger.js';
import { SlackDirectory } from './slack/directory.js';
import { registerHelpListeners } from './slack/help/listeners.js';
import { registerHomeListeners } from './slack/home/listeners.js';
import { registerIncidentActionListeners } from './slack/incident/action-listeners.js';
import { registerIncidentListeners } from './slack/incident/listeners.js';
import { registerChangeActionListeners } from './slack/change/action-listeners.js';
import { registerChangeListeners } from './slack/change/listeners.js';
import { slackChangeMessages } from './slack/change/messages.js';
import { ChangeReminders } from './services/change-reminders.js';
import { ChangeService } from './services/changes.js';
import { ReleaseService } from './services/releases.js';
import { AdminService } from './services/admin.js';
import { registerAdminListeners } from './slack/admin/listeners.js';
import { registerReleaseListeners } from './slack/release/listeners.js';
import { slackReleaseMessages } from './slack/release/messages.js';
import { changeReminderJob } from './jobs/change-jobs.js';
import { slackIncidentMessages, slackSlaMessages } from './slack/incident/messages.js';
import { registerOnCallListeners } from './slack/oncall/listeners.js';
import { registerSlaListeners } from './slack/sla/listeners.js';
import { registerEscalationListeners } from './slack/escalation/listeners.js';
import { trendAnalysisJob } from './jobs/problem-jobs.js';
import { KnowledgeService } from './services/knowledge.js';
import { KnownErrorAdvisor } from './services/known-errors.js';
import { ProblemService } from './services/problems.js';
import { TrendService } from './services/trends.js';
import { registerKnowledgeActionListeners } from './slack/knowledge/action-listeners.js';
import { registerKnowledgeListeners } from './slack/knowledge/listeners.js';
import { slackKnowledgeMessages } from './slack/knowledge/messages.js';
import { registerProblemActionListeners } from './slack/problem/action-listeners.js';
import { registerProblemListeners } from './slack/problem/listeners.js';
import { slackKnownErrorMessages, slackProblemMessages } from './slack/problem/messages.js';
import { slackEscalationMessages } from './slack/escalation/messages.js';
import { slackOnCallMessages } from './slack/oncall/messages.js';
import type { PacerOptions } from './slack/channel-pacer.js';
import { OutboxWorker, slackCallTimeoutMs } from './slack/outbox-worker.js';
import { HomeService, homeRefresh } from './services/home.js';
import { ReportService } from './services/reports.js';
import { dailyDigestJob, monthlyReportJob, weeklyReportJob } from './jobs/report-jobs.js';
import { slackReportMessages } from './slack/report/messages.js';
import { HomePages } from './slack/home/pages.js';
import { homeStartActions } from './slack/home/listeners.js';

export interface BotOptions {
  env: Environment;
  settings: Settings;
  logger: Logger;
  clock?: Clock;
  /** Defaults to DATABASE_URL, else the embedded database under DATA_DIR. */
  database?: DatabaseTarget;
  /** Tests drive jobs themselves (scheduler.tick) with a controlled clock. */
  runJobs?: boolean;
  /** Per-channel pace of new messages; Slack's by default (tests that do not measure it lift it). */
  outboxPace?: PacerOptions;
  /** Transactions that may wait for a connection before new work is refused (src/db/work-queue.ts). */
  maxWaitingTransactions?: number;
  /** Slack can no longer reach the bot (its HTTP front door failed): the process should stop and be restarted. */
  onUnreachable?: (error: Error) => void;
}

export interface RunningBot {
  port: number;
  db: Database;
  worker: OutboxWorker;
  scheduler: JobScheduler;
  /** Resolves once every Slack request acknowledged so far has been handled. */
  requestsHandled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { env, logger } = options;
  const clock = options.clock ?? systemClock;
  const settings = () => options.settings;
  const db = await openMigratedDatabase(options.database ?? targetFromUrl(env.DATABASE_URL, path.join(env.DATA_DIR, 'pglite')), { maxWaitingTransactions: options.maxWaitingTransactions });

  const slackApiOptions = env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {};
  // The worker retries through the outbox itself, so its client must not retry or wait on 429s.
  const leaseMs = env.OUTBOX_LEASE_SECONDS * 1000;
  const deliveryClient = new WebClient(env.SLACK_BOT_TOKEN, {
    ...slackApiOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: slackCallTimeoutMs(leaseMs),
    logger: boltLogger(logger.child({ component: 'delivery' })),
  });
  // The worker renders App Homes when it delivers them (homePages is made below, before it starts).
  const homeView = (userId: string) => homePages.viewFor(userId);
  const worker = new OutboxWorker({ db, client: deliveryClient, clock, leaseMs, homeView, logger: logger.child({ component: 'outbox' }), ...(options.outboxPace ? { pace: options.outboxPace } : {}) });
  const oncall = new OnCallService({ db, clock, settings, messages: slackOnCallMessages(settings) });
  const escalations = new EscalationService({ db, clock, settings, messages: slackEscalationMessages(settings), onCallUserAt: (tx, team, at) => oncall.onCallUserAt(tx, team, at) });
  const sla = new SlaTracker({ db, settings, messages: slackSlaMessages(settings), onBreach: (tx, incident, trigger, now) => escalations.start(tx, incident, trigger, now) });
  const problemLinks = new KnownErrorAdvisor(slackKnownErrorMessages(settings));
  const incidents = new IncidentService({ db, sla, clock, settings, messages: slackIncidentMessages(settings), problemLinks, homes: homeRefresh });
  const problemMessages = slackProblemMessages(settings);
  const problems = new ProblemService({ db, clock, settings, messages: problemMessages, incidents });
  const knowledge = new KnowledgeService({ db, clock, messages: slackKnowledgeMessages(settings) });
  const trends = new TrendService({ db, settings, messages: problemMessages });
  const changeMessages = slackChangeMessages(settings);
  const more = requestAndCmdbServices({ db, clock, settings });
  const changes = new ChangeService({
    db,
    clock,
    settings,
    messages: changeMessages,
    homes: homeRefresh,
    onCompleted: (tx, change, actorId, now) => more.cmdb.applyChangeUpdates(tx, change, actorId, now),
  });
  // Dead letters sent again are pending without a commit that hands them over: the worker claims them.
  const admin = new AdminService({ db, clock, settings, afterCommit: () => worker.wake() });
  await admin.refresh();
  // Other instances may grant or revoke roles: pick their changes up every minute.
  const roleRefresh = setInterval(() => void admin.refresh().catch((error: unknown) => logger.warn({ err: error }, 'could not refresh the role grants')), 60_000);
  roleRefresh.unref();
  const releases = new ReleaseService({ db, clock, messages: slackReleaseMessages(settings) });
  const reports = new ReportService({ db, clock, settings, messages: slackReportMessages(settings), problems });
  const changeReminders = new ChangeReminders({ db, settings, messages: changeMessages, awaitedApprovers: (change) => changes.awaitedApprovers(change) });

  const slack = createSlackApp({
    botToken: env.SLACK_BOT_TOKEN,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    port: env.PORT,
    logger,
    isHealthy: () => db.isHealthy(),
    ...(options.onUnreachable ? { onUnreachable: options.onUnreachable } : {}),
  });
  const directory = new SlackDirectory(slack.app.client, settings, logger);
  const deps = {
    incidents,
    problems,
    knowledge,
    changes,
    ...more,
    directory,
    settings,
    logger,
    notifyUser: async (userId: string, text: string) => {
      await slack.app.client.chat.postMessage({ channel: userId, text });
    },
  };
  registerIncidentListeners(slack.app, deps);
  registerIncidentActionListeners(slack.app, deps);
  registerProblemListeners(slack.app, deps);
  registerProblemActionListeners(slack.app, deps);
  registerKnowledgeListeners(slack.app, deps);
  registerKnowledgeActionListeners(slack.app, deps);
  registerChangeListeners(slack.app, deps);
  registerChangeActionListeners(slack.app, deps);
  registerReleaseListeners(slack.app, deps, releases);
  registerHelpListeners(slack.app, deps, admin, reports, releases);
  registerAdminListeners(slack.app, deps, admin);
  const homeStarts = homeStartActions(deps);
  const homePages = new HomePages(directory, new HomeService({ db, clock, incidents, changes, requests: more.requests, oncall }), homeStarts);
  registerHomeListeners(slack.app, homePages, homeStarts);
  registerOnCallListeners(slack.app, deps, oncall);
  registerSlaListeners(slack.app, deps, sla, clock);
  registerEscalationListeners(slack.app, deps, escalations);
  registerRequestAndCmdbListeners(slack.app, deps);

  const scheduler = new JobScheduler(db, clock, logger.child({ component: 'jobs' }));
  scheduler.add(autoCloseJob(incidents));
  scheduler.add(majorIncidentReminderJob(incidents));
  scheduler.add(handoffAnnouncementJob(oncall));
  scheduler.add(slaAlertJob(sla));
  scheduler.add(escalationJob(escalations));
  scheduler.add(trendAnalysisJob(trends));
  scheduler.add(changeReminderJob(changeReminders));
  scheduler.add(dailyDigestJob(reports));
  scheduler.add(weeklyReportJob(reports));
  scheduler.add(monthlyReportJob(reports));
  addRequestAndCmdbJobs(scheduler, more);

  warnAboutMissingHolidays(options.settings, clock.now(), logger);
  await importDirectoryFile(more.staff, options.settings.directory.file, logger).catch(async (error: unknown) => {
    clearInterval(roleRefresh);
    await db.close();
    throw error;
  });
  const port = await slack.start();
  worker.start();
  if (options.runJobs ?? true) scheduler.start();
  logger.info({ port, database: db.connection.target.kind, socketMode: Boolean(env.SLACK_APP_TOKEN) }, 'ITSM bot is running');
  return {
    port,
    db,
    worker,
    scheduler,
    requestsHandled: () => slack.requestsHandled(),
    stop: async () => {
      clearInterval(roleRefresh);
      await scheduler.stop();
      await slack.stop();
      await worker.stop();
      await db.close();
    },
  };
}

/** China's holidays come from a package updated yearly; say so when its data ends before next year. */
function warnAboutMissingHolidays(settings: Settings, now: Date, logger: Logger): void {
  if (!settings.calendar.chinaPublicHolidays) return;
  const missing = yearsWithoutChinaHolidayData(calendarYearsAround(now).filter((year) => year >= now.getUTCFullYear()));
  if (missing.length > 0) {
    logger.warn({ years: missing }, 'no China public holiday data for these years: update the chinese-days package, or list the holidays in calendar.holidays');
  }
}
