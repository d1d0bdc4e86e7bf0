// What the reports look like: charts as valid PNGs of the agreed size that follow the data,
// labels Chinese readers can read (or English where no Chinese font is installed), CSV tables a
// spreadsheet opens safely, and messages inside Slack's Block Kit limits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/domain/priority.js';
import type { Attainment } from '../../src/domain/reports/attainment.js';
import type { DigestIncident } from '../../src/domain/reports/digest.js';
import { digestOf } from '../../src/domain/reports/digest.js';
import type { ReportIncident } from '../../src/domain/reports/data.js';
import { monthPeriod, periodsUpTo } from '../../src/domain/reports/period.js';
import { buildServiceReport, type TrendPoint } from '../../src/domain/reports/service-report.js';
import { DEFAULT_SLA_POLICIES } from '../../src/domain/sla.js';
import { ROUND_THE_CLOCK } from '../../src/domain/calendar.js';
import { translatorFor } from '../../src/i18n/index.js';
import { digestMessage, serviceReportMessage } from '../../src/slack/report/blocks.js';
import { CHART_SIZE, chartPng, chartSvg, slaTrendOption, volumeOption } from '../../src/slack/report/charts.js';
import { reportTables, toCsv } from '../../src/slack/report/csv.js';
import { chartLocale, hasCjkFont } from '../../src/slack/report/fonts.js';
import { blockKitViolations } from '../support/block-kit-limits.js';
import { pngSize } from '../support/png.js';

const en = translatorFor('en');
const TZ = 'Asia/Shanghai';
const attainment = (met: number, breached: number): Attainment => ({ met, breached, rate: met + breached === 0 ? null : (met / (met + breached)) * 100 });
const byPriority = (p1: number, p2: number, p3: number, p4: number): Record<Priority, number> => ({ P1: p1, P2: p2, P3: p3, P4: p4 });
const trend = (points: [number, number, Record<Priority, number>][]): TrendPoint[] => {
  const periods = periodsUpTo(monthPeriod('2026-02', TZ), points.length, TZ);
  return points.map(([met, breached, opened], index) => ({ period: periods[index]!, opened: Object.values(opened).reduce((a, b) => a + b, 0), openedByPriority: opened, response: attainment(met, breached), resolution: attainment(met, breached + 1) }));
};

describe('report charts', () => {
  const sample = trend([[8, 2, byPriority(1, 2, 3, 4)], [9, 1, byPriority(0, 3, 5, 2)], [0, 0, byPriority(0, 0, 0, 0)]]);

  it('are PNG images of 800 × 400', () => {
    for (const png of [chartPng(slaTrendOption(sample, en)), chartPng(volumeOption(sample, en))]) {
      expect(pngSize(png)).toEqual(CHART_SIZE);
    }
  });

  it('change when the data changes, and not otherwise', () => {
    const again = chartPng(volumeOption(trend([[8, 2, byPriority(1, 2, 3, 4)], [9, 1, byPriority(0, 3, 5, 2)], [0, 0, byPriority(0, 0, 0, 0)]]), en));
    const more = chartPng(volumeOption(trend([[8, 2, byPriority(1, 2, 3, 4)], [9, 1, byPriority(0, 3, 5, 9)], [0, 0, byPriority(0, 0, 0, 0)]]), en));
    expect(again.equals(chartPng(volumeOption(sample, en)))).toBe(true);
    expect(more.equals(again)).toBe(false);
    const worse = chartPng(slaTrendOption(trend([[8, 2, byPriority(1, 2, 3, 4)], [5, 5, byPriority(0, 3, 5, 2)], [0, 0, byPriority(0, 0, 0, 0)]]), en));
    expect(worse.equals(chartPng(slaTrendOption(sample, en)))).toBe(false);
  });

  it('draw the labels they are given: the periods, the percentages and the legend', () => {
    const svg = chartSvg(slaTrendOption(sample, en));
    expect(svg).toContain('2026-02');
    expect(svg).toContain('80%');
    expect(svg).toContain('Resolution');
  });

  it('are labelled in Chinese only where a Chinese font is installed', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'fonts-none-'));
    const withCjk = fs.mkdtempSync(path.join(os.tmpdir(), 'fonts-cjk-'));
    fs.mkdirSync(path.join(withCjk, 'opentype', 'noto'), { recursive: true });
    fs.writeFileSync(path.join(withCjk, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'), '');
    expect(hasCjkFont([empty])).toBe(false);
    expect(hasCjkFont([empty, withCjk])).toBe(true);
    expect(chartLocale('zh-CN', false)).toBe('en');
    expect(chartLocale('zh-CN', true)).toBe('zh-CN');
    expect(chartLocale('en', false)).toBe('en');
    // On this machine: without a CJK font the chart a Chinese reader gets carries no Chinese glyphs.
    const svg = chartSvg(slaTrendOption(sample, translatorFor(chartLocale('zh-CN'))));
    expect(/[\u4e00-\u9fff]/.test(svg)).toBe(hasCjkFont());
  });
});

describe('CSV tables', () => {
  it('quote commas, quotes and line breaks, and defuse cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['incident', 'title'], ['INC-000001', 'Printer, 3rd floor'], ['INC-000002', 'He said "down"\nagain'], ['INC-000003', '=HYPERLINK("x")'], ['INC-000004', null], ['n', -5]])).toBe(
      'incident,title\r\nINC-000001,"Printer, 3rd floor"\r\nINC-000002,"He said ""down""\nagain"\r\nINC-000003,"\'=HYPERLINK(""x"")"\r\nINC-000004,\r\nn,-5\r\n',
    );
  });
});

// The longest a month can make the message: many breaches, majors, failed changes and services.
function worstReport() {
  const long = 'X'.repeat(500);
  const incidents: ReportIncident[] = Array.from({ length: 120 }, (_, index) => ({
    number: `INC-${String(index + 1).padStart(6, '0')}`,
    title: `<!channel> ${long}`,
    priority: 'P1',
    categoryPath: `cat${index}`,
    source: `source${index}`,
    affectedService: `Service ${index} ${long}`,
    isSecurity: index % 7 === 0,
    duplicateOf: null,
    state: 'new',
    openedAt: new Date(Date.UTC(2026, 1, 1 + (index % 27), 2)),
    firstResponseAt: null,
    resolvedAt: null,
    majorDeclaredAt: new Date(Date.UTC(2026, 1, 1 + (index % 27), 3)),
    pauses: [],
  }));
  const changes = Array.from({ length: 40 }, (_, index) => ({ number: `CHG-${index}`, title: long, type: 'emergency' as const, state: 'failed' as const, createdAt: new Date(Date.UTC(2026, 1, 2)), endedAt: new Date(Date.UTC(2026, 1, 3)), failureReason: long }));
  return buildServiceReport({ kind: 'month', periods: periodsUpTo(monthPeriod('2026-02', TZ), 6, TZ), incidents, changes, surveys: [], problems: null, rules: { policies: DEFAULT_SLA_POLICIES, calendar: ROUND_THE_CLOCK }, targets: { satisfaction: 85, availability: 99.9 } });
}

describe('report messages', () => {
  it('stay inside Block Kit limits at their longest, in both languages, and escape what people typed', () => {
    const report = worstReport();
    for (const locale of ['en', 'zh-CN'] as const) {
      const message = serviceReportMessage({ t: translatorFor(locale), locale, categories: [] }, report, true);
      expect(blockKitViolations('chat.postMessage', { ...message })).toEqual([]);
      expect(JSON.stringify(message)).not.toContain('<!channel>');
    }
    const open: DigestIncident[] = report.sla.breaches.map((breach) => ({ number: breach.incident.number, title: breach.incident.title, priority: 'P1', state: 'new', assigneeId: null, isSecurity: false, firstResponseAt: null, responseDueAt: breach.settledAt, resolutionDueAt: null }));
    expect(blockKitViolations('chat.postMessage', { ...digestMessage(en, digestOf(open, new Date(Date.UTC(2026, 2, 2))), '2026-03-02') })).toEqual([]);
  });

  it('keep the titles of security incidents out of channel reports and CSV files', () => {
    const report = worstReport();
    const text = JSON.stringify(serviceReportMessage({ t: en, locale: 'en', categories: [] }, report, false));
    expect(text).toContain('INC-000001 (P1) (security incident)');
    const breaches = reportTables(report, TZ).find((table) => table.name === 'breaches')!;
    const security = breaches.rows.find((row) => row[0] === 'INC-000001');
    expect(security?.slice(6)).toEqual(['yes', null]);
  });

  it('show the problem figures once a source gives them, and say so in the reader\'s language when none does', () => {
    const report = worstReport();
    const withProblems = JSON.stringify(serviceReportMessage({ t: en, locale: 'en', categories: [] }, { ...report, problems: { opened: 2, knownErrorsAdded: 1 } }, false));
    expect(withProblems).toContain('Problems opened: 2 · known errors added: 1');
    const chinese = serviceReportMessage({ t: translatorFor('zh-CN'), locale: 'zh-CN', categories: [] }, report, false);
    expect(chinese.text).toBe('服务月报 · 2026-02');
    expect(JSON.stringify(chinese)).toContain('暂无数据：本机器人尚未记录问题。');
  });
});
