// `/sla INC-…`: the ticket's clock in plain words.
import type { TargetStatus } from '../../domain/sla.js';
import { isMessageKey, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { SlaExplanation } from '../../services/sla.js';
import { formatDuration } from '../format.js';
import { slackDate } from '../format.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export function slaExplanation(t: Translate, calendar: { timeZone: string; holidaysOff: boolean }, explanation: SlaExplanation): MessageContent {
  const { incident, policy, status, pauses, next } = explanation;
  const duration = (minutes: number) => formatDuration(t, minutes * 60_000);
  const lines = [
    t('sla.explain.title', { number: incident.number, title: escapeMrkdwn(incident.title) }),
    t('sla.explain.policy', {
      policy: policy.id,
      priority: incident.priority,
      response: duration(policy.responseMinutes),
      resolution: duration(policy.resolutionMinutes),
      hours: policy.hours === '24x7' ? t('sla.explain.hours.24x7') : t(calendar.holidaysOff ? 'sla.explain.hours.business_holidays' : 'sla.explain.hours.business', { timeZone: calendar.timeZone }),
    }),
    targetLine(t, status.response),
    targetLine(t, status.resolution),
  ];
  if (pauses.length > 0) {
    lines.push(t('sla.explain.pauses'));
    for (const pause of pauses) {
      const reasonKey = `pause.${pause.reason}`;
      const reason = isMessageKey(reasonKey) ? t(reasonKey) : pause.reason;
      lines.push(
        pause.to
          ? t('sla.explain.pause', { from: slackDate(pause.from), to: slackDate(pause.to), reason })
          : t('sla.explain.pause_open', { from: slackDate(pause.from), reason }),
      );
    }
  }
  if (next) {
    const what = next.fraction >= 1 ? t('sla.explain.next_breach') : t('sla.explain.next_warning', { percent: Math.round(next.fraction * 100) });
    const who = incident.assigneeId ? `<@${incident.assigneeId}>` : t('sla.explain.desk');
    lines.push(t('sla.explain.next', { what, target: t(`sla.target.${next.kind}`), at: slackDate(next.at), who }));
  } else {
    lines.push(t('sla.explain.nothing_next'));
  }
  const text = truncate(lines.join('\n'), LIMITS.sectionText);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

function targetLine(t: Translate, target: TargetStatus): string {
  const name = t(`sla.target.${target.kind}`);
  const used = formatDuration(t, target.usedMs);
  const left = formatDuration(t, target.remainingMs);
  const over = formatDuration(t, -target.remainingMs);
  switch (target.state) {
    case 'running':
      return t('sla.explain.running', { target: name, used, left, due: target.dueAt ? slackDate(target.dueAt) : '—' });
    case 'paused':
      return t('sla.explain.paused', { target: name, used, left });
    case 'met':
      return t('sla.explain.met', { target: name, at: slackDate(target.metAt ?? new Date(0)), used });
    case 'breached':
      return target.metAt
        ? t('sla.explain.breached_done', { target: name, at: slackDate(target.metAt), over })
        : t('sla.explain.breached_running', { target: name, at: slackDate(target.breachedAt ?? new Date(0)), over });
  }
}
