// The App Home tab: what concerns the user, and the buttons to start something.
import type { HomeView, KnownBlock } from '@slack/types';
import type { IncidentRecord } from '../../db/repositories/incidents.js';
import type { Translate } from '../../i18n/index.js';
import { HOME_ACTIONS } from '../ids.js';
import { LIMITS, truncate } from '../limits.js';
import { incidentLines } from '../incident/blocks.js';

export function homeView(t: Translate, myIncidents: IncidentRecord[]): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t('home.title') } },
    { type: 'section', text: { type: 'mrkdwn', text: t('home.intro') } },
    {
      type: 'actions',
      block_id: 'home_start',
      elements: [{ type: 'button', style: 'primary', action_id: HOME_ACTIONS.reportIncident, text: { type: 'plain_text', text: truncate(t('home.report_incident'), LIMITS.buttonText) } }],
    },
    { type: 'divider' },
  ];
  const list = incidentLines(t, myIncidents);
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`${t('home.my_incidents')}\n${list}`, LIMITS.sectionText) } });
  return { type: 'home', blocks };
}
