// Several instances of the bot on one PostgreSQL server, for a test file (vitest hooks).
import { afterAll, beforeAll } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import type { Settings } from '../../src/settings/schema.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startTestBot, type TestBot } from './test-bot.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * `count` instances of the bot sharing one PostgreSQL database and one fake Slack, for the calling
 * test file: started before its tests and stopped after them. Only against a PostgreSQL server
 * (PGlite allows one process per database); elsewhere `bots` stays empty.
 */
export function useInstancesOnServer(count: number, options: { clock: ManualClock; settings: () => Settings }): { readonly bots: TestBot[]; readonly fake: FakeSlack } {
  const bots: TestBot[] = [];
  let world: { database: TestDatabase; fake: FakeSlack } | undefined;
  beforeAll(async () => {
    if (process.env.TEST_DB !== 'postgres') return;
    world = { database: await createTestDatabase(true), fake: await startFakeSlack() };
    for (let index = 0; index < count; index += 1) bots.push(await startTestBot({ clock: options.clock, settings: options.settings(), sharedWith: world }));
  });
  afterAll(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await world?.fake.close();
    await world?.database.drop();
  });
  return {
    bots,
    get fake(): FakeSlack {
      if (!world) throw new Error('the instances start in beforeAll, on a PostgreSQL server only');
      return world.fake;
    },
  };
}
