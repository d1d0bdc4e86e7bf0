// The report's tables as CSV files (RFC 4180: quoted where needed, CRLF line ends), one per table,
// for `/itsm report … export`. Column names are stable identifiers for spreadsheets and scripts;
// times are local to the desk's time zone with their UTC offset; durations are in minutes.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatCsv } from '../../domain/csv.js';
import { PRIORITIES } from '../../domain/priority.js';
import type { Attainment } from '../../domain/reports/attainment.js';
import type { ServiceReport } from '../../domain/reports/service-report.js';
import { SATISFACTION_RATINGS } from '../../domain/satisfaction.js';
import { SLA_TARGET_KINDS } from '../../domain/sla.js';

export type Cell = string | number | null;

export interface CsvTable {
  readonly name: string;
  /** The header row first. */
  readonly rows: readonly (readonly Cell[])[];
}

/** A spreadsheet would run a cell that starts like a formula: such text gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return formatCsv(rows.map((row) => row.map(cell)), '\r\n');
}

const round = (value: number | null, digits = 2) => (value === null ? null : Number(value.toFixed(digits)));
const minutes = (ms: number | null) => (ms === null ? null : round(ms / 60_000, 1));

export function reportTables(report: ServiceReport, timeZone: string): CsvTable[] {
  const time = (date: Date | null) => (date ? format(new TZDate(date, timeZone), "yyyy-MM-dd'T'HH:mmxxx") : null);
  const title = (incident: { title: string; isSecurity: boolean }) => (incident.isSecurity ? null : incident.title);
  const { volume, timing, sla, changes, satisfaction } = report;
  const attainmentRow = (name: string, kind: string, figures: Attainment): Cell[] => [name, kind, figures.met, figures.breached, round(figures.rate)];
  return [
    {
      name: 'volume',
      rows: [
        ['dimension', 'key', 'incidents'],
        ...PRIORITIES.map((priority) => ['priority', priority, volume.byPriority[priority]]),
        ...volume.byCategory.map(([key, count]) => ['category', key, count]),
        ...volume.bySource.map(([key, count]) => ['source', key, count]),
        ['total', 'all', volume.total],
        ['duplicates', 'merged', volume.duplicates],
      ],
    },
    {
      name: 'times',
      rows: [
        ['measure', 'incidents', 'mean_elapsed_minutes', 'mean_business_minutes'],
        ['acknowledge', timing.acknowledge.count, minutes(timing.acknowledge.calendarMs), minutes(timing.acknowledge.businessMs)],
        ['resolve', timing.resolve.count, minutes(timing.resolve.calendarMs), minutes(timing.resolve.businessMs)],
      ],
    },
    {
      name: 'sla',
      rows: [
        ['priority', 'target', 'met', 'breached', 'attainment_percent'],
        ...PRIORITIES.flatMap((priority) => SLA_TARGET_KINDS.map((kind) => attainmentRow(priority, kind, sla.byPriority[priority][kind]))),
        ...SLA_TARGET_KINDS.map((kind) => attainmentRow('all', kind, sla.overall[kind])),
      ],
    },
    {
      name: 'breaches',
      rows: [
        ['incident', 'priority', 'target', 'due', 'done', 'late_minutes', 'security', 'title'],
        ...sla.breaches.map((breach) => [
          breach.incident.number,
          breach.incident.priority,
          breach.kind,
          time(breach.settledAt),
          time(breach.doneAt),
          breach.doneAt ? minutes(breach.doneAt.getTime() - breach.settledAt.getTime()) : null,
          breach.incident.isSecurity ? 'yes' : 'no',
          title(breach.incident),
        ]),
      ],
    },
    {
      name: 'major-incidents',
      rows: [['incident', 'priority', 'declared', 'resolved', 'security', 'title'], ...report.majors.map((major) => [major.number, major.priority, time(major.declaredAt), time(major.resolvedAt), major.isSecurity ? 'yes' : 'no', title(major)])],
    },
    {
      name: 'changes',
      rows: [
        ['measure', 'value'],
        ['raised', changes.raised],
        ...Object.entries(changes.raisedByType).map(([type, count]) => [`raised_${type}`, count]),
        ['emergency_share_percent', round(changes.emergencyShare)],
        ['implemented', changes.implemented],
        ['successful', changes.successful],
        ['success_rate_percent', round(changes.successRate)],
        ['failed', changes.failed.length],
      ],
    },
    {
      name: 'failed-changes',
      rows: [['change', 'type', 'ended', 'title', 'reason'], ...changes.failed.map((change) => [change.number, change.type, time(change.endedAt), change.title, change.failureReason])],
    },
    {
      name: 'problems',
      rows: [['measure', 'value'], ...(report.problems ? [['problems_opened', report.problems.opened], ['known_errors_added', report.problems.knownErrorsAdded]] : [['available', 'no']])],
    },
    {
      name: 'satisfaction',
      rows: [
        ['rating', 'answers'],
        ...SATISFACTION_RATINGS.map((rating) => [rating, satisfaction.byRating[rating]]),
        ['all', satisfaction.answers],
        ['rate_percent', round(satisfaction.rate)],
        ['target_percent', satisfaction.target],
      ],
    },
    {
      name: 'availability',
      rows: [
        ['service', 'failures', 'downtime_minutes', 'availability_percent', 'mttr_minutes', 'mtbf_minutes', 'mtbsi_minutes', 'incidents'],
        ...report.availability.map((line) => [line.service, line.failures, minutes(line.downtimeMs), round(line.availability, 3), minutes(line.mttrMs), minutes(line.mtbfMs), minutes(line.mtbsiMs), line.incidents.join(' ')]),
      ],
    },
    {
      name: 'trend',
      rows: [
        ['period', 'opened', ...PRIORITIES.map((priority) => `opened_${priority.toLowerCase()}`), 'response_met', 'response_breached', 'resolution_met', 'resolution_breached'],
        ...report.trend.map((point) => [point.period.label, point.opened, ...PRIORITIES.map((priority) => point.openedByPriority[priority]), point.response.met, point.response.breached, point.resolution.met, point.resolution.breached]),
      ],
    },
  ];
}
