// What a service report and the daily digest say in Slack: the report message, its charts (PNG)
// and, on request, its tables (CSV) uploaded into the report's thread; rendered here, delivered
// by the outbox.
import type { DigestFigures } from '../../domain/reports/digest.js';
import type { ServiceReport } from '../../domain/reports/service-report.js';
import { translatorFor } from '../../i18n/index.js';
import { MAX_FILE_BYTES, type MessageRef, type OutboxDraft, type OutboxFile } from '../../outbox/messages.js';
import type { ReportDelivery, ReportMessages } from '../../services/reports.js';
import type { Settings } from '../../settings/schema.js';
import { digestMessage, serviceReportMessage } from './blocks.js';
import { reportTables, toCsv, type CsvTable } from './csv.js';
import { chartLocale } from './fonts.js';

/** Files per upload message. */
const FILES_PER_UPLOAD = 10;

export function reportRef(runKey: string): MessageRef {
  return { recordKey: runKey, purpose: 'report' };
}

export function slackReportMessages(settings: () => Settings): ReportMessages {
  return {
    async serviceReport(report, delivery) {
      const t = translatorFor(delivery.locale);
      const content = serviceReportMessage({ t, locale: delivery.locale, categories: settings().categories }, report, delivery.withExport);
      const files = [...(await chartFiles(report, delivery)), ...(delivery.withExport ? csvFiles(report, settings().calendar.timeZone) : [])];
      const ref = reportRef(delivery.runKey);
      return [
        { orderingKey: delivery.runKey, payload: { operation: 'post', channel: delivery.channel, content, saveAs: ref } },
        ...chunks(files, FILES_PER_UPLOAD).map((group): OutboxDraft => ({ orderingKey: delivery.runKey, payload: { operation: 'upload', thread: ref, files: group } })),
      ];
    },
    digest(figures: DigestFigures, day: string) {
      const current = settings();
      const content = digestMessage(translatorFor(current.defaultLocale), figures, day);
      return [{ orderingKey: `digest:${day}`, payload: { operation: 'post', channel: current.channels.serviceDesk, content } }];
    },
  };
}

/** The SLA trend and the volume by priority, labelled in the reader's language where the fonts allow. */
async function chartFiles(report: ServiceReport, delivery: ReportDelivery): Promise<OutboxFile[]> {
  // The chart library adds some 75 MB to the process: it is loaded when the first report is drawn.
  const { chartPng, slaTrendOption, volumeOption } = await import('./charts.js');
  const t = translatorFor(chartLocale(delivery.locale));
  const stem = `${report.kind}-${report.period.label}`;
  return [
    { filename: `sla-attainment-${stem}.png`, title: t('report.chart.sla.title'), altText: t('report.chart.sla.title'), base64: chartPng(slaTrendOption(report.trend, t)).toString('base64') },
    { filename: `incidents-by-priority-${stem}.png`, title: t('report.chart.volume.title'), altText: t('report.chart.volume.title'), base64: chartPng(volumeOption(report.trend, t)).toString('base64') },
  ];
}

function csvFiles(report: ServiceReport, timeZone: string): OutboxFile[] {
  return reportTables(report, timeZone).map((table) => {
    const filename = `${table.name}-${report.kind}-${report.period.label}.csv`;
    return { filename, title: filename, base64: Buffer.from(fitted(table), 'utf8').toString('base64') };
  });
}

/** The table as CSV, cut to the rows that fit in an outbox file (a last row says it was cut). */
function fitted(table: CsvTable): string {
  let rows = table.rows;
  let csv = toCsv(rows);
  while (Buffer.byteLength(csv) > MAX_FILE_BYTES - 64) {
    rows = rows.slice(0, Math.max(1, Math.floor(rows.length * 0.9)));
    csv = toCsv([...rows, ['… truncated']]);
  }
  return csv;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let index = 0; index < items.length; index += size) groups.push(items.slice(index, index + size));
  return groups;
}
