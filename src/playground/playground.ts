// The playground's composition root: the fake Slack, the real bot on an embedded database wired
// to it, the workspace people see, the clock, the demo data, and the page's server.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { startBot, type RunningBot } from '../bot.js';
import { parseEnvironment } from '../config.js';
import { startFakeSlack, type FakeSlack } from '../fake-slack/server.js';
import { SlackSender } from '../fake-slack/slack-requests.js';
import { deskOpenFrom, JobRunner, PlaygroundClock } from './clock.js';
import type { PlaygroundConfig } from './config.js';
import { Interactions } from './interactions.js';
import { readManifest } from './manifest.js';
import { personView, type PersonView } from './person-view.js';
import { startPlaygroundServer, type PlaygroundServer } from './server.js';
import { applyCall } from './workspace-calls.js';
import { Workspace } from './workspace.js';

export interface PlaygroundOptions {
  config: PlaygroundConfig;
  logger: Logger;
  /** The page's port; 0 for any free one. */
  port?: number;
  /** Where the clock starts; the next moment the service desk is open by default. */
  startAt?: Date;
}

export interface RunningPlayground {
  url: string;
  bot: RunningBot;
  fake: FakeSlack;
  workspace: Workspace;
  interactions: Interactions;
  clock: PlaygroundClock;
  jobs: JobRunner;
  config: PlaygroundConfig;
  /** What `person` sees now. */
  viewFor(person: string): PersonView;
  /** Moves time forward by `minutes`, running the jobs along the way. */
  advance(minutes: number): Promise<void>;
  /** Resolves once every message the bot has queued is delivered. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const SETTLE_POLL_MS = 25;
const SETTLE_TIMEOUT_MS = 20_000;
const UNPACED = { burst: 1_000_000, intervalMs: 1 };

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { config, logger } = options;
  const clock = new PlaygroundClock(options.startAt ?? deskOpenFrom(config.settings, new Date()));
  let pageUrl = '';
  const fake = await startFakeSlack({ permalinkOf: (channel, ts) => `${pageUrl}/archives/${channel}/p${ts.replace('.', '')}` });
  for (const person of config.people) fake.setUser(person.id, { name: person.name, locale: person.locale, tz: person.tz });

  const workspace = new Workspace(() => clock.now(), () => fake.nextTs());
  for (const channel of config.channels) workspace.addChannel({ id: channel.id, name: channel.name, topic: channel.topic, isPrivate: channel.private, members: channel.members });
  for (const person of config.people) workspace.dmWith(person.id);
  fake.onCall((call) => applyCall(workspace, call));

  const signingSecret = randomBytes(16).toString('hex');
  const env = parseEnvironment({ SLACK_BOT_TOKEN: 'xoxb-playground', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl, PORT: '0', LOG_LEVEL: 'silent' });
  const database = { kind: 'pglite' as const, dataDir: 'memory' };
  const bot = await startBot({ env, settings: config.settings, clock, logger: logger.child({ component: 'bot' }), database, runJobs: false, outboxPace: UNPACED });
  const slack = new SlackSender({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret });
  const manifest = readManifest();
  const interactions = new Interactions(workspace, slack, (id) => fake.responseUrl(id), manifest.commands.map((hint) => hint.command));
  const jobs = new JobRunner(clock, bot.scheduler, logger.child({ component: 'jobs' }));
  let busy = 0;

  const playground: RunningPlayground = {
    url: '',
    bot,
    fake,
    workspace,
    interactions,
    clock,
    jobs,
    config,
    viewFor: (me) => personView({ workspace, me, people: config.people, ...manifest, busy: busy > 0, startChannel: config.settings.channels.serviceDesk }),
    advance: async (minutes) => {
      busy += 1;
      workspace.changed();
      try {
        await jobs.advance(minutes * 60_000, () => workspace.changed());
        await playground.settled();
      } finally {
        busy -= 1;
        workspace.changed();
      }
    },
    settled: () => waitForDelivery(bot),
    stop: async () => {
      await jobs.stop();
      await server.close();
      await bot.stop();
      await fake.close();
    },
  };
  const server: PlaygroundServer = await startPlaygroundServer(playground, { port: options.port ?? 0, logger });
  pageUrl = server.url;
  playground.url = server.url;
  jobs.start();
  return playground;
}

async function waitForDelivery(bot: RunningBot): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  await bot.requestsHandled();
  while ((await bot.db.prisma.outboxMessage.count({ where: { status: 'pending' } })) > 0) {
    if (Date.now() > deadline) throw new Error('the bot still has messages to deliver');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}
