// Demo data for a first look, made through the bot's own flows: people type commands, press the
// buttons the cards show and fill in the forms, exactly as at the page. Nothing writes rows.
import type { Role } from '../domain/roles.js';
import type { Person } from './config.js';
import { PlaygroundDriver } from './driver.js';
import type { RunningPlayground } from './playground.js';

const HOUR_SECONDS = 3600;

function someone(people: readonly Person[], test: (person: Person) => boolean, what: string): Person {
  const found = people.find(test);
  if (!found) throw new Error(`config/playground.yml has no ${what} for the demo`);
  return found;
}

/** The people the demo needs, by what they do. */
function cast(people: readonly Person[]) {
  const withRole = (role: Role) => someone(people, (person) => person.roles.includes(role), `person with the ${role} role`);
  return {
    requester: someone(people, (person) => person.roles.length === 0 && person.locale === 'en', 'requester (no roles)'),
    chineseRequester: people.find((person) => person.roles.length === 0 && person.locale === 'zh-CN'),
    desk: withRole('service_desk'),
    incidentManager: withRole('incident_manager'),
    changeManager: withRole('change_manager'),
    problemManager: withRole('problem_manager'),
    engineer: withRole('second_line'),
  };
}

/** The newest incident's number, from the confirmation the reporter got. */
async function lastIncident(playground: RunningPlayground): Promise<string> {
  const newest = await playground.bot.db.prisma.incident.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { number: true } });
  return newest.number;
}

export async function seedDemo(playground: RunningPlayground): Promise<void> {
  const drive = new PlaygroundDriver(playground);
  const who = cast(playground.config.people);
  const lobby = playground.config.channels[0]?.id ?? playground.config.settings.channels.serviceDesk;

  await drive.command(who.requester.id, lobby, '/incident The VPN drops every few minutes');
  if (who.chineseRequester) await drive.command(who.chineseRequester.id, lobby, '/incident 三楼打印机卡纸，无法打印');

  await drive.command(who.requester.id, lobby, '/incident Email takes an hour to arrive');
  await drive.press(who.desk.id, drive.card(await lastIncident(playground)), 'incident.take');

  await drive.command(who.requester.id, lobby, '/incident The payroll system is down for everyone');
  const payroll = await lastIncident(playground);
  await drive.press(who.desk.id, drive.card(payroll), 'incident.take');
  await drive.press(who.incidentManager.id, drive.card(payroll), 'incident.form.declare_major');
  await drive.submit(who.incidentManager.id, await drive.modal(who.incidentManager.id, 'incident.action.declare_major'), {
    lead: { value: who.incidentManager.id },
    summary: { value: 'Payroll is down for all staff. The vendor is engaged; next update in 30 minutes.' },
  });

  await drive.command(who.changeManager.id, lobby, '/change');
  const start = Math.floor(playground.clock.now().getTime() / 1000) + 48 * HOUR_SECONDS;
  await drive.submit(who.changeManager.id, await drive.modal(who.changeManager.id, 'change_raise'), {
    title: { value: 'Upgrade the VPN concentrator firmware' },
    configuration_items: { value: 'VPN-GW-01' },
    services: { value: 'VPN' },
    planned_start: { value: String(start) },
    planned_end: { value: String(start + 2 * HOUR_SECONDS) },
    implementer: { value: who.engineer.id },
    implementation_plan: { value: 'Fail over to VPN-GW-02, upgrade VPN-GW-01, fail back.' },
    backout_plan: { value: 'Boot the previous firmware image.' },
    test_plan: { value: 'Connect from home and from the office; watch the session counts.' },
    risk_impact: { value: 'medium' },
    risk_complexity: { value: 'medium' },
    risk_tested: { value: 'yes' },
    risk_backout: { value: 'yes' },
  });
  await drive.press(who.changeManager.id, drive.card('CHG-000001'), 'change.form.assess');
  await drive.submit(who.changeManager.id, await drive.modal(who.changeManager.id, 'change.action.assess'), {});

  await drive.command(who.problemManager.id, lobby, '/problem VPN sessions drop under load');
  await drive.submit(who.problemManager.id, await drive.modal(who.problemManager.id, 'problem_create'), { description: { value: 'Several reports of VPN drops at peak hours.' } });
}
