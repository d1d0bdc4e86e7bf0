// Pure Block Kit builders for the service report and the daily digest.
import type { KnownBlock } from '@slack/types';
import type { CategoryTree } from '../../domain/category.js';
import { PRIORITIES, type Priority } from '../../domain/priority.js';
import type { Attainment } from '../../domain/reports/attainment.js';
import type { DeadlineLine, DigestFigures } from '../../domain/reports/digest.js';
import type { ReportPeriod } from '../../domain/reports/period.js';
import type { ServiceReport } from '../../domain/reports/service-report.js';
import type { MeanTime } from '../../domain/reports/timing.js';
import { UNCATEGORISED } from '../../domain/reports/volume.js';
import { SATISFACTION_RATINGS } from '../../domain/satisfaction.js';
import { isMessageKey, type Locale, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { formatDuration, slackDate } from '../format.js';
import { categoryLabel } from '../incident/blocks.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export interface ReportLanguage {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
}

/** Lines listed in the message; the CSV export has them all. */
const LISTED = 15;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } });

/** '57.1 %', or '—' without a figure. */
export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${value.toFixed(digits)} %`;
}

export function periodName(t: Translate, period: ReportPeriod): string {
  return period.kind === 'month' ? t('report.period.month', { month: period.label }) : t('report.period.range', { from: period.label, to: period.lastDay });
}

/** A security incident's title stays with the security team. */
function titleOf(t: Translate, incident: { title: string; isSecurity: boolean }): string {
  return incident.isSecurity ? t('report.security_title') : escapeMrkdwn(truncate(incident.title, 80));
}

function listed(t: Translate, lines: readonly string[], none: string): string {
  if (lines.length === 0) return none;
  const more = lines.length > LISTED ? [t('report.more', { count: lines.length - LISTED })] : [];
  return [...lines.slice(0, LISTED), ...more].join('\n');
}

const byPriority = (counts: Readonly<Record<Priority, number>>) => Object.fromEntries(PRIORITIES.map((priority) => [priority.toLowerCase(), counts[priority]]));

export function serviceReportMessage(language: ReportLanguage, report: ServiceReport, withExport: boolean): MessageContent {
  const { t } = language;
  const title = t(`report.header.${report.kind}`, { period: periodName(t, report.period) });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMITS.headerText) } },
    section(t('report.intro', { from: slackDate(report.period.start), to: slackDate(report.period.end) })),
    section(workload(language, report)),
    section(times(t, report)),
    section(slaTable(t, report)),
    section(breaches(t, report)),
    section(majors(t, report)),
    section(changes(t, report)),
    section(report.problems ? t('report.problems', { opened: report.problems.opened, knownErrors: report.problems.knownErrorsAdded }) : t('report.problems.not_available')),
    section(satisfaction(t, report)),
    section(availability(t, report)),
    { type: 'context', elements: [{ type: 'mrkdwn', text: t(withExport ? 'report.footer.export' : 'report.footer') }] },
  ];
  return { text: title, blocks };
}

function workload({ t, locale, categories }: ReportLanguage, { volume }: ServiceReport): string {
  const category = ([key, count]: readonly [string, number]) => `${key === UNCATEGORISED ? t('incident.card.uncategorised') : escapeMrkdwn(categoryLabel(categories, locale, key))} ${count}`;
  const source = ([key, count]: readonly [string, number]) => {
    const label = `source.${key}`;
    return `${isMessageKey(label) ? t(label) : escapeMrkdwn(key)} ${count}`;
  };
  return [
    t('report.workload.title'),
    t('report.workload.opened', { total: volume.total, ...byPriority(volume.byPriority), duplicates: volume.duplicates }),
    t('report.workload.by_category', { list: volume.byCategory.map(category).join(' · ') || '—' }),
    t('report.workload.by_source', { list: volume.bySource.map(source).join(' · ') || '—' }),
  ].join('\n');
}

function meanTime(t: Translate, key: 'report.times.acknowledge' | 'report.times.resolve', time: MeanTime): string {
  if (time.calendarMs === null || time.businessMs === null) return t(key, { calendar: '—', business: '—', count: 0 });
  return t(key, { calendar: formatDuration(t, time.calendarMs), business: formatDuration(t, time.businessMs), count: time.count });
}

function times(t: Translate, { timing }: ServiceReport): string {
  return [t('report.times.title'), meanTime(t, 'report.times.acknowledge', timing.acknowledge), meanTime(t, 'report.times.resolve', timing.resolve)].join('\n');
}

function rate(t: Translate, attainment: Attainment): string {
  const settled = attainment.met + attainment.breached;
  return settled === 0 ? '—' : t('report.sla.rate', { rate: formatPercent(attainment.rate), met: attainment.met, settled });
}

function slaTable(t: Translate, { sla }: ServiceReport): string {
  const line = (name: string, figures: { response: Attainment; resolution: Attainment }) => t('report.sla.line', { name, response: rate(t, figures.response), resolution: rate(t, figures.resolution) });
  return [t('report.sla.title'), ...PRIORITIES.map((priority) => line(priority, sla.byPriority[priority])), line(t('report.sla.all'), sla.overall)].join('\n');
}

function breaches(t: Translate, { sla }: ServiceReport): string {
  const lines = sla.breaches.map((breach) =>
    t(breach.doneAt ? 'report.breaches.done' : 'report.breaches.open', {
      number: breach.incident.number,
      priority: breach.incident.priority,
      title: titleOf(t, breach.incident),
      target: t(`sla.target.${breach.kind}`),
      due: slackDate(breach.settledAt),
      late: breach.doneAt ? formatDuration(t, breach.doneAt.getTime() - breach.settledAt.getTime()) : '',
    }),
  );
  return `${t('report.breaches.title', { count: sla.breaches.length })}\n${listed(t, lines, t('report.none'))}`;
}

function majors(t: Translate, report: ServiceReport): string {
  const lines = report.majors.map((major) =>
    t(major.resolvedAt ? 'report.majors.resolved' : 'report.majors.open', {
      number: major.number,
      priority: major.priority,
      title: titleOf(t, major),
      declared: slackDate(major.declaredAt),
      restored: major.resolvedAt ? formatDuration(t, major.resolvedAt.getTime() - major.declaredAt.getTime()) : '',
    }),
  );
  return `${t('report.majors.title', { count: report.majors.length })}\n${listed(t, lines, t('report.none'))}`;
}

function changes(t: Translate, { changes: figures }: ServiceReport): string {
  const failed = figures.failed.map((change) => t('report.changes.failed_line', { number: change.number, title: escapeMrkdwn(truncate(change.title, 80)), reason: escapeMrkdwn(truncate(change.failureReason ?? '', 120)) }));
  return [
    t('report.changes.title'),
    t('report.changes.raised', { raised: figures.raised, ...figures.raisedByType, share: formatPercent(figures.emergencyShare) }),
    t('report.changes.implemented', { implemented: figures.implemented, successful: figures.successful, rate: formatPercent(figures.successRate), failed: figures.failed.length }),
    ...(failed.length > 0 ? [listed(t, failed, '')] : []),
  ].join('\n');
}

function satisfaction(t: Translate, { satisfaction: figures }: ServiceReport): string {
  const target = formatPercent(figures.target, 0);
  if (figures.rate === null) return `${t('report.satisfaction.title', { target })}\n${t('report.satisfaction.none')}`;
  const verdict = t(figures.meetsTarget ? 'report.satisfaction.met' : 'report.satisfaction.missed');
  const ratings = SATISFACTION_RATINGS.map((rating) => `${t(`rating.${rating}`)} ${figures.byRating[rating]}`);
  return [t('report.satisfaction.title', { target }), t('report.satisfaction.rate', { rate: formatPercent(figures.rate), answers: figures.answers, verdict }), ratings.join(' · ')].join('\n');
}

function availability(t: Translate, report: ServiceReport): string {
  const lines = report.availability.map((line) =>
    t('report.availability.line', {
      service: escapeMrkdwn(truncate(line.service, 60)),
      availability: formatPercent(line.availability, 2),
      mark: line.availability >= report.availabilityTarget ? ':white_check_mark:' : ':warning:',
      failures: line.failures,
      downtime: formatDuration(t, line.downtimeMs),
      mttr: formatDuration(t, line.mttrMs),
      mtbf: formatDuration(t, line.mtbfMs),
      mtbsi: formatDuration(t, line.mtbsiMs),
    }),
  );
  return `${t('report.availability.title', { target: formatPercent(report.availabilityTarget, 1) })}\n${listed(t, lines, t('report.availability.none'))}`;
}

export function digestMessage(t: Translate, digest: DigestFigures, day: string): MessageContent {
  const title = t('report.digest.header', { day });
  const line = ({ incident, target, dueAt }: DeadlineLine) =>
    t('report.digest.line', {
      number: incident.number,
      priority: incident.priority,
      title: escapeMrkdwn(truncate(incident.title, 80)),
      target: t(`sla.target.${target}`),
      due: slackDate(dueAt),
      assignee: incident.assigneeId ? `<@${incident.assigneeId}>` : t('incident.card.unassigned'),
    });
  return {
    text: title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMITS.headerText) } },
      section(t('report.digest.open', { open: digest.open, ...byPriority(digest.openByPriority), unassigned: digest.unassigned })),
      section(`${t('report.digest.breached', { count: digest.breached.length })}\n${listed(t, digest.breached.map(line), t('report.none'))}`),
      section(`${t('report.digest.soon', { count: digest.breachingSoon.length, hours: Math.round(digest.horizonMs / 3_600_000) })}\n${listed(t, digest.breachingSoon.map(line), t('report.none'))}`),
    ],
  };
}
