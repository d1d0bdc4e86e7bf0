// A separate bot process for the multi-process tests: starts the real bot against the database
// and fake Slack named in its environment, at the moment FAKE_NOW, runs one SLA sweep, delivers
// what it queued, and exits. Several of these run at once against one PostgreSQL server.
import { ManualClock } from '../../src/clock.js';
import { startBot } from '../../src/bot.js';
import { parseEnvironment } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { testSettings } from './test-bot.js';

const env = parseEnvironment({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' });
const clock = new ManualClock(new Date(process.env.FAKE_NOW ?? ''));
const bot = await startBot({ env, settings: testSettings(), clock, logger: createLogger('silent'), runJobs: false, outboxPace: { burst: 1_000_000, intervalMs: 1 } });
const ran = await bot.scheduler.tick('sla.alerts');
await bot.worker.deliverDue();
await bot.stop();
process.stdout.write(`${JSON.stringify({ ran })}\n`);
