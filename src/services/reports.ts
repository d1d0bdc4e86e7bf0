// Service reports: the daily digest, the weekly and monthly service reports (scheduled, to the
// reports channel) and reports on demand (to the person who asked). Figures come from the pure
// domain (src/domain/reports/); the messages, charts and tables from the Slack layer.
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findChangesForReport, findIncidentsForReport, findOpenIncidentsForDigest, findSurveysForReport } from '../db/repositories/reports.js';
import { DomainError } from '../domain/errors.js';
import type { ProblemFigures } from '../domain/reports/data.js';
import { digestOf, type DigestFigures } from '../domain/reports/digest.js';
import { lastCompletedMonth, lastCompletedWeek, periodsUpTo, type ReportKind, type ReportPeriod } from '../domain/reports/period.js';
import { dueDigest, dueMonthly, dueWeekly, type ReportSchedule } from '../domain/reports/schedule.js';
import { buildServiceReport, type ServiceReport } from '../domain/reports/service-report.js';
import { hasAnyRole, type Role } from '../domain/roles.js';
import type { Locale } from '../i18n/index.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { businessCalendarAt } from '../settings/calendar.js';
import type { Settings } from '../settings/schema.js';
import type { RequestActor } from './context.js';

/** Where a report goes and how it reads. */
export interface ReportDelivery {
  channel: string;
  locale: Locale;
  /** Names the run: the report's message is remembered under it, and its files follow it. */
  runKey: string;
  withExport: boolean;
}

export interface ReportMessages {
  serviceReport(report: ServiceReport, delivery: ReportDelivery): Promise<OutboxDraft[]>;
  digest(digest: DigestFigures, day: string): OutboxDraft[];
}

/**
 * Problem management's figures for a period. Problem records are kept by another module; until
 * one is plugged in, reports say the figures are not available.
 */
export interface ProblemFiguresSource {
  figuresFor(period: ReportPeriod): Promise<ProblemFigures | null>;
}

/** Who may ask for a report: the desk, its engineers and the IT managers. */
export const REPORT_ROLES: readonly Role[] = ['service_desk', 'second_line', 'third_line', 'incident_manager', 'change_manager', 'problem_manager', 'security', 'admin'];

export interface ReportServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  messages: ReportMessages;
  problems: ProblemFiguresSource;
}

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  schedule(): ReportSchedule {
    const { reports, calendar } = this.deps.settings();
    return { timeZone: calendar.timeZone, dailyDigestAt: reports.dailyDigestAt, weeklyOn: reports.weeklyOn, monthlyOn: reports.monthlyOn, sendAt: reports.sendAt };
  }

  /** The report of one week or month, with the trend over the periods before it. */
  async build(period: ReportPeriod & { kind: ReportKind }): Promise<ServiceReport> {
    const settings = this.deps.settings();
    const periods = periodsUpTo(period, settings.reports.trendPeriods, settings.calendar.timeZone);
    const from = periods[0]?.start ?? period.start;
    const data = await this.deps.db.transaction(async (tx) => ({
      incidents: await findIncidentsForReport(tx, from, period.end),
      changes: await findChangesForReport(tx, from, period.end),
      surveys: await findSurveysForReport(tx, period.start, period.end),
    }));
    return buildServiceReport({
      kind: period.kind,
      periods,
      ...data,
      problems: await this.deps.problems.figuresFor(period),
      rules: { policies: settings.sla.policies, calendar: businessCalendarAt(settings.calendar, period.start) },
      targets: { satisfaction: settings.reports.satisfactionTarget, availability: settings.reports.availabilityTarget },
    });
  }

  /** The scheduled report of the period due at `now` (a job slot makes it once per period). */
  async sendScheduled(kind: ReportKind, now: Date): Promise<boolean> {
    const due = kind === 'week' ? dueWeekly(this.schedule(), now) : dueMonthly(this.schedule(), now);
    if (!due || due.period.kind === 'day') return false;
    const settings = this.deps.settings();
    const report = await this.build({ ...due.period, kind: due.period.kind });
    const channel = settings.reports.channel ?? settings.channels.serviceDesk;
    await this.enqueue(await this.deps.messages.serviceReport(report, { channel, locale: settings.defaultLocale, runKey: `report:${kind}:${due.slot}`, withExport: false }));
    return true;
  }

  /** The daily digest of open incidents, to the service desk channel. */
  async sendDigest(now: Date): Promise<boolean> {
    const due = dueDigest(this.schedule(), now);
    if (!due) return false;
    const open = await this.deps.db.transaction((tx) => findOpenIncidentsForDigest(tx));
    await this.enqueue(this.deps.messages.digest(digestOf(open, now), due.slot));
    return true;
  }

  /** The last whole week or month, for the person who asked, in their direct messages. */
  async sendOnDemand(kind: ReportKind, actor: RequestActor, withExport: boolean): Promise<ReportPeriod> {
    if (!hasAnyRole(actor, REPORT_ROLES)) throw new DomainError('reports_staff_only');
    const now = this.deps.clock.now();
    const { calendar, reports } = this.deps.settings();
    const period = kind === 'week' ? lastCompletedWeek(now, calendar.timeZone, reports.weeklyOn ?? 1) : lastCompletedMonth(now, calendar.timeZone);
    const report = await this.build({ ...period, kind });
    const runKey = `report:${kind}:${period.label}:${actor.userId}:${now.getTime()}`;
    await this.enqueue(await this.deps.messages.serviceReport(report, { channel: actor.userId, locale: actor.locale, runKey, withExport }));
    return period;
  }

  private async enqueue(drafts: OutboxDraft[]): Promise<void> {
    await this.deps.db.transaction((tx) => enqueueMessages(tx, drafts, this.deps.clock.now()));
  }
}
