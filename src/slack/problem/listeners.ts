// Slack entry points for recording problems: `/problem`, "Create problem" on incident cards, on
// problem candidates and on failed changes, the form, and linking an incident to a known error from its card.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { isDomainError } from '../../domain/errors.js';
import { assertMayCreateProblem } from '../../domain/problem.js';
import type { IncidentRecord } from '../../db/repositories/incidents.js';
import { translatorFor } from '../../i18n/index.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS, PROBLEM_ACTIONS, PROBLEM_FIELDS, PROBLEM_VIEWS, REPORT_FIELDS } from '../ids.js';
import { forClicker, privateCommand, startingWith, submitInModal } from '../interactions.js';
import { translateFieldErrors } from '../view-state.js';
import { candidateGroup, createProblemModal, problemCard, type ProblemPrefill } from './blocks.js';
import { parseCreateMetadata, parseProblemCommand, parseProblemForm, type CreateMetadata } from './inputs.js';

export function registerProblemListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.problem,
    privateCommand(deps, async ({ command, client, actor, t }) => {
      const parsed = parseProblemCommand(command.text);
      switch (parsed.kind) {
        case 'form':
          assertMayCreateProblem(actor);
          await openCreateModal(deps, client, command.trigger_id, actor, parsed.title ? { title: parsed.title } : {});
          return null;
        case 'show':
          return problemCard({ t, locale: actor.locale, categories: deps.settings().categories, problem: await deps.problems.show(parsed.number, actor), withActions: false });
        case 'usage':
          return { text: t('problem.usage') };
      }
    }),
  );

  app.action<BlockAction<ButtonAction>>(PROBLEM_ACTIONS.createFromIncident, async ({ ack, body, action, respond, client }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, async (actor) => {
      assertMayCreateProblem(actor);
      const incident = await deps.problems.incidentFor(action.value ?? '', actor);
      await openCreateModal(deps, client, body.trigger_id, actor, prefillFrom(incident));
    });
  });

  app.action<BlockAction<ButtonAction>>(PROBLEM_ACTIONS.createFromChange, async ({ ack, body, action, respond, client }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      assertMayCreateProblem(actor);
      const change = await deps.changes.show(action.value ?? '');
      const prefill: ProblemPrefill = {
        title: t('change.problem_title', { number: change.number, title: change.title }),
        description: change.failure?.reason ?? change.description,
        ...(change.affectedServices[0] ? { affectedService: change.affectedServices[0] } : {}),
        source: 'proactive',
      };
      await openCreateModal(deps, client, body.trigger_id, actor, prefill);
    });
  });

  app.action<BlockAction<ButtonAction>>(PROBLEM_ACTIONS.createFromCandidate, async ({ ack, body, action, respond, client }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const { candidate, incidents } = await deps.problems.candidate(Number(action.value), actor);
      const group = candidateGroup(t, actor.locale, deps.settings().categories, candidate);
      const prefill: ProblemPrefill = {
        title: t('trend.problem_title', { group }),
        description: incidents.map((incident) => `${incident.number} ${incident.title}`).join('\n'),
        ...(candidate.groupBy === 'category' ? { categoryPath: candidate.value } : { affectedService: candidate.value }),
        source: 'trend_analysis',
        incidents: candidate.incidents,
      };
      await openCreateModal(deps, client, body.trigger_id, actor, prefill, { candidateId: candidate.id });
    });
  });

  app.view(PROBLEM_VIEWS.create, async ({ ack, body, view }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parseProblemForm(view.state.values, deps.settings().categories);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    const metadata = parseCreateMetadata(view.private_metadata);
    // An incident that does not exist is the incidents field's fault; any other refusal is shown at the top.
    const fieldOf = (error: unknown) => (isDomainError(error) && error.code === 'not_found' ? PROBLEM_FIELDS.incidents : REPORT_FIELDS.title);
    await submitInModal(deps, ack, t, fieldOf, () => deps.problems.create({ ...form.value, ...metadata, requestKey: `view:${view.id}` }, actor));
  });

  app.action<BlockAction<ButtonAction>>(startingWith(`${PROBLEM_ACTIONS.linkKnownError}.`), async ({ ack, body, action, respond }) => {
    await ack();
    const [problemNumber = '', incidentNumber = ''] = (action.value ?? '').split(' ');
    await forClicker(deps, body.user.id, respond, (actor) => deps.problems.linkIncidents(problemNumber, [incidentNumber], actor));
  });
}

/** What the form starts with when a problem is recorded from an incident. */
function prefillFrom(incident: IncidentRecord): ProblemPrefill {
  const { title, description, impact, urgency, categoryPath, affectedService } = incident;
  return { title, description, impact, urgency, categoryPath, affectedService, source: 'incident', incidents: [incident.number] };
}

async function openCreateModal(deps: SlackDeps, client: App['client'], triggerId: string, actor: RequestActor, prefill: ProblemPrefill, metadata: CreateMetadata = {}): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: createProblemModal({ t: translatorFor(actor.locale), locale: actor.locale, categories: deps.settings().categories, prefill, privateMetadata: JSON.stringify(metadata) }),
  });
}
