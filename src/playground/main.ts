// `npm run playground`: the bot in a pretend Slack workspace in your browser, no Slack needed.
// Options: PLAYGROUND_PORT (default 3300), PLAYGROUND_CONFIG (default config/playground.yml),
// LOG_LEVEL. Each start is a fresh workspace: the bot's database is in memory.
import { ConfigurationError } from '../config.js';
import { createLogger } from '../logger.js';
import { loadPlaygroundConfig } from './config.js';
import { seedDemo } from './demo.js';
import { startPlayground } from './playground.js';

const DEFAULT_PORT = 3300;

async function main(): Promise<void> {
  const level = process.env.LOG_LEVEL;
  const logger = createLogger(level === 'debug' || level === 'info' || level === 'warn' ? level : 'error');
  let config;
  try {
    config = loadPlaygroundConfig(process.env.PLAYGROUND_CONFIG?.trim() || undefined);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`The playground cannot start; fix its settings:\n${error.problems.map((line) => `  • ${line}`).join('\n')}\n`);
    process.exit(2);
  }
  const port = Number.parseInt(process.env.PLAYGROUND_PORT ?? '', 10) || DEFAULT_PORT;
  const playground = await startPlayground({ config, logger, port });
  process.stdout.write(`The playground is at ${playground.url}/ (Ctrl-C stops it)\n`);
  if (config.demo) {
    process.stdout.write('Setting up the demo data through the bot…\n');
    await seedDemo(playground)
      .then(() => process.stdout.write('Demo data ready.\n'))
      .catch((error: unknown) => process.stdout.write(`The demo data is incomplete: ${error instanceof Error ? error.message : String(error)}\n`));
  }
  const stop = () => void playground.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
