// The App Home tab: what concerns the user, and the buttons to start something.
import type { HomeView, KnownBlock } from '@slack/types';
import type { IncidentRecord } from '../../db/repositories/incidents.js';
import type { Translate } from '../../i18n/index.js';
import type { OnCallNow } from '../../services/oncall.js';
import { HOME_ACTIONS } from '../ids.js';
import { incidentLines } from '../incident/blocks.js';
import { slackDate } from '../format.js';
import { LIMITS, truncate } from '../limits.js';
import { teamName } from '../oncall/blocks.js';

export interface HomeContent {
  reported: IncidentRecord[];
  queue: IncidentRecord[];
  onCall: OnCallNow[];
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } });

export function homeView(t: Translate, { reported, queue, onCall }: HomeContent): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t('home.title') } },
    section(t('home.intro')),
    {
      type: 'actions',
      block_id: 'home_start',
      elements: [{ type: 'button', style: 'primary', action_id: HOME_ACTIONS.reportIncident, text: { type: 'plain_text', text: truncate(t('home.report_incident'), LIMITS.buttonText) } }],
    },
    { type: 'divider' },
    section(`${t('home.my_incidents')}\n${incidentLines(t, reported)}`),
  ];
  if (queue.length > 0) blocks.push(section(`${t('home.my_queue')}\n${incidentLines(t, queue)}`));
  if (onCall.length > 0) {
    const lines = onCall.map(({ rotation, current }) => `• ${teamName(t, rotation.team)}: <@${current.userId}> (${slackDate(current.endsAt)})`);
    blocks.push({ type: 'divider' }, section(`${t('home.on_call')}\n${lines.join('\n')}`));
  }
  return { type: 'home', blocks };
}
