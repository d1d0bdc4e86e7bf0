// `/itsm report week|month [export]`: the last whole week's or month's service report, sent to the
// person who asked (message, charts and, with `export`, CSV tables in their direct messages).
import { z } from 'zod';
import { REPORT_KINDS, type ReportKind } from '../../domain/reports/period.js';
import { translatorFor } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { ReportService } from '../../services/reports.js';
import type { SlackDeps } from '../deps.js';
import { userMessageFor } from '../user-errors.js';
import { periodName } from './blocks.js';

const reportCommandSchema = z.union([
  z.tuple([z.enum(REPORT_KINDS)]).transform(([kind]) => ({ kind, withExport: false })),
  z.tuple([z.enum(REPORT_KINDS), z.literal('export')]).transform(([kind]) => ({ kind, withExport: true })),
]);

export function parseReportCommand(words: readonly string[]): { kind: ReportKind; withExport: boolean } | null {
  const parsed = reportCommandSchema.safeParse(words.filter((word) => word !== '').map((word) => word.toLowerCase()));
  return parsed.success ? parsed.data : null;
}

export async function reportAnswer(deps: SlackDeps, reports: ReportService, userId: string, words: readonly string[]): Promise<MessageContent> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  const command = parseReportCommand(words);
  if (!command) return { text: t('report.usage') };
  try {
    const period = await reports.sendOnDemand(command.kind, actor, command.withExport);
    return { text: t(command.withExport ? 'report.on_its_way_export' : 'report.on_its_way', { period: periodName(t, period) }) };
  } catch (error) {
    return { text: userMessageFor(error, t, deps.logger) };
  }
}
