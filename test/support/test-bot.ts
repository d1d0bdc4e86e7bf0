// Starts the real bot (Bolt over HTTP, real database, real migrations) against the fake Slack.
import type { Logger } from 'pino';
import { systemClock, type Clock, type ManualClock } from '../../src/clock.js';
import { startBot, type RunningBot } from '../../src/bot.js';
import { parseEnvironment } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { loadSettings, validateSettings } from '../../src/settings/load.js';
import type { Settings, SettingsInput } from '../../src/settings/schema.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { SlackSender } from './slack-requests.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';
const UNPACED = { burst: 1_000_000, intervalMs: 1 };
export const DESK_CHANNEL = 'C0DESK';
export const SECURITY_CHANNEL = 'C0SECURITY';
export const PEOPLE = {
  reporter: 'U0REPORTER',
  agent: 'U0AGENT',
  secondLine: 'U0SECOND',
  manager: 'U0MANAGER',
  security: 'U0SECURITY',
  outsider: 'U0OUTSIDER',
} as const;

export interface TestBot {
  bot: RunningBot;
  fake: FakeSlack;
  slack: SlackSender;
  eventsUrl: string;
  baseUrl: string;
  clock: Clock;
  settings: Settings;
  stop(): Promise<void>;
}

export function testSettings(overrides: Partial<SettingsInput> = {}): Settings {
  const defaults = loadSettings(undefined, { serviceDeskChannel: DESK_CHANNEL });
  return validateSettings(
    {
      ...defaults,
      channels: { serviceDesk: DESK_CHANNEL, security: SECURITY_CHANNEL },
      roles: {
        service_desk: { users: [PEOPLE.agent], usergroups: [] },
        second_line: { users: [PEOPLE.secondLine], usergroups: [] },
        incident_manager: { users: [PEOPLE.manager], usergroups: [] },
        security: { users: [PEOPLE.security], usergroups: [] },
      },
      ...overrides,
    },
    'test settings',
  );
}

export interface TestBotOptions {
  settings?: Settings;
  clock?: ManualClock;
  /** Where the bot logs (silent when not given). */
  logger?: Logger;
  /** Another instance's database and fake Slack: this bot shares them and leaves them open on stop. */
  sharedWith?: { database: TestDatabase; fake: FakeSlack };
  maxWaitingTransactions?: number;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot & { database: TestDatabase }> {
  const fake = options.sharedWith?.fake ?? (await startFakeSlack());
  const database = options.sharedWith?.database ?? (await createTestDatabase());
  const settings = options.settings ?? testSettings();
  const clock = options.clock ?? systemClock;
  const env = parseEnvironment({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  // Pacing is tested on the worker itself (test/slack/outbox-worker.test.ts); flows here run unpaced.
  const bot = await startBot({ env, settings, clock, logger: options.logger ?? createLogger('silent'), database: database.target, runJobs: false, outboxPace: UNPACED, maxWaitingTransactions: options.maxWaitingTransactions });
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const eventsUrl = `${baseUrl}/slack/events`;
  return {
    bot,
    fake,
    slack: new SlackSender({ url: eventsUrl, signingSecret: SIGNING_SECRET, responseUrl: (id) => fake.responseUrl(id) }),
    eventsUrl,
    baseUrl,
    clock,
    settings,
    database,
    stop: async () => {
      await bot.stop();
      if (fake.violations.length > 0) throw new Error(`the bot broke Block Kit limits:\n${fake.violations.join('\n')}`);
      if (options.sharedWith) return;
      await database.drop();
      await fake.close();
    },
  };
}
