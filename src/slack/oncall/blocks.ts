import type { Rotation, Shift } from '../../domain/oncall.js';
import { isMessageKey, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { OnCallNow, OverrideSet } from '../../services/oncall.js';
import { slackDate } from '../format.js';
import { LIMITS, truncate } from '../limits.js';

/** A team's name: the support line's name when the team is one, else its id. */
export function teamName(t: Translate, team: string): string {
  const key = `tier.${team}`;
  return isMessageKey(key) ? t(key) : team;
}

export function onCallMessage(t: Translate, rows: OnCallNow[]): MessageContent {
  if (rows.length === 0) return { text: t('oncall.none') };
  const lines = rows.map(({ rotation, current, next }) =>
    t('oncall.line', {
      team: teamName(t, rotation.team),
      user: `<@${current.userId}>`,
      until: slackDate(current.endsAt),
      override: current.isOverride ? t('oncall.override') : '',
      next: `<@${next.userId}>`,
    }),
  );
  const text = truncate(`*${t('oncall.title')}*\n${lines.join('\n')}`, LIMITS.sectionText);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function handoffMessage(t: Translate, rotation: Rotation, shift: Shift, previous: Shift): MessageContent {
  return {
    text: t('oncall.handoff', {
      team: teamName(t, rotation.team),
      user: `<@${shift.userId}>`,
      previous: `<@${previous.userId}>`,
      until: slackDate(shift.endsAt),
    }),
  };
}

/** The lead's confirmation: who is on call for which team, from when to when. */
export function overrideConfirmation(t: Translate, override: OverrideSet): string {
  return t('oncall.override_set', overrideParams(t, override));
}

/** Told in the team's channel, so the team knows whom the pages go to. */
export function overrideAnnouncement(t: Translate, override: OverrideSet, setBy: string): MessageContent {
  return { text: t('oncall.override_announced', { ...overrideParams(t, override), lead: `<@${setBy}>` }) };
}

function overrideParams(t: Translate, override: OverrideSet) {
  return { user: `<@${override.userId}>`, team: teamName(t, override.team), from: slackDate(override.from), to: slackDate(override.to) };
}
