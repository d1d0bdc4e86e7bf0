// `npm start`: read the configuration, start the bot, stop cleanly on SIGINT/SIGTERM.
// Configuration problems are printed one per line and end the process with exit code 2.
import os from 'node:os';
import type { Logger } from 'pino';
import { startBot, type RunningBot } from './bot.js';
import { ConfigurationError, parseEnvironment } from './config.js';
import { createLogger } from './logger.js';
import { loadSettings } from './settings/load.js';

const EXIT_CONFIGURATION = 2;
/** How much lower the bot's work runs than the front door's answers (nice values, 0 to 19). */
const WORK_NICENESS = 5;

async function main(): Promise<void> {
  const { env, settings } = readConfiguration();
  const logger = createLogger(env.LOG_LEVEL);
  const running: { bot?: RunningBot } = {};
  let stopping: Promise<void> | undefined;
  const stopAndExit = (code: number) => {
    stopping ??= (running.bot?.stop() ?? Promise.resolve()).then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  // A bot Slack cannot reach does no good running: it stops, and exits 1 for its supervisor to restart it.
  running.bot = await startBot({ env, settings, logger, onUnreachable: () => stopAndExit(1) }).catch((error: unknown) => {
    logger.fatal({ err: error }, 'the bot could not start');
    process.stderr.write(`The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  yieldToFrontDoor(logger);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    stopAndExit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * Under a load beyond the two threads' cores, Slack's acknowledgements come first: this thread
 * (the bot's work) gives way to the front door's, which it started before at the usual priority.
 * Linux sets the priority of the calling thread alone; elsewhere it is the whole process's, and
 * nothing changes between the threads.
 */
function yieldToFrontDoor(logger: Logger): void {
  try {
    os.setPriority(0, Math.min(19, os.getPriority(0) + WORK_NICENESS));
  } catch (error) {
    logger.warn({ err: error }, 'could not lower the priority of the bot thread');
  }
}

function readConfiguration() {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const env = attempt(() => parseEnvironment(process.env));
  const settings = attempt(() =>
    loadSettings(process.env.ITSM_CONFIG?.trim() || undefined, {
      serviceDeskChannel: process.env.SERVICE_DESK_CHANNEL?.trim(),
      defaultLocale: process.env.DEFAULT_LOCALE?.trim(),
    }),
  );
  if (!env || !settings) {
    process.stderr.write(`The bot cannot start; fix its configuration:\n${problems.map((line) => `  • ${line}`).join('\n')}\n`);
    process.exit(EXIT_CONFIGURATION);
  }
  return { env, settings };
}

void main();
