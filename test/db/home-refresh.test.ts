// Refreshing App Homes stays cheap: only people who have opened their Home get one, and one waiting
// publish per person covers any number of changes until a worker takes it.
import { describe, expect, it } from 'vitest';
import { recordHomeViewer, requestHomeRefresh } from '../../src/db/repositories/home.js';
import { claimDueMessages } from '../../src/db/repositories/outbox.js';
import { useMigratedDatabase } from '../support/migrated-database.js';

const database = useMigratedDatabase();

const now = new Date('2026-03-02T01:00:00Z');
const waiting = async (userId: string) => database.db.prisma.outboxMessage.count({ where: { orderingKey: `home:${userId}`, status: 'pending' } });

describe('App Home refreshes', () => {
  it('go only to people who have opened their Home', async () => {
    await database.db.transaction((tx) => recordHomeViewer(tx, 'U0VIEWER', now));
    await database.db.transaction((tx) => requestHomeRefresh(tx, ['U0VIEWER', 'U0NEVER'], now));
    expect(await waiting('U0VIEWER')).toBe(1);
    expect(await waiting('U0NEVER')).toBe(0);
  });

  it('are one waiting publish per person, however many changes ask for it', async () => {
    await database.db.transaction((tx) => recordHomeViewer(tx, 'U0BUSY', now));
    for (let change = 0; change < 5; change += 1) await database.db.transaction((tx) => requestHomeRefresh(tx, ['U0BUSY', 'U0BUSY'], now));
    expect(await waiting('U0BUSY')).toBe(1);
  });

  it('queue a new publish once a worker has taken the waiting one (it may have read the data already)', async () => {
    await database.db.transaction((tx) => recordHomeViewer(tx, 'U0TAKEN', now));
    await database.db.transaction((tx) => requestHomeRefresh(tx, ['U0TAKEN'], now));
    const claimed = await claimDueMessages(database.db.prisma, now, { now: new Date(), ms: 60_000 }, 100);
    expect(claimed.some((message) => message.orderingKey === 'home:U0TAKEN')).toBe(true);
    await database.db.transaction((tx) => requestHomeRefresh(tx, ['U0TAKEN'], now));
    expect(await waiting('U0TAKEN')).toBe(2);
  });

  it('keep a worker from taking the waiting publish until the change that touched it commits', async (context) => {
    if (process.env.TEST_DB !== 'postgres') context.skip(); // PGlite runs one transaction at a time
    await database.db.transaction((tx) => recordHomeViewer(tx, 'U0RACE', now));
    await database.db.transaction((tx) => requestHomeRefresh(tx, ['U0RACE'], now));
    let touched = () => undefined as void;
    let release = () => undefined as void;
    const touchedOnce = new Promise<void>((resolve) => (touched = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const change = database.db.transaction(async (tx) => {
      await requestHomeRefresh(tx, ['U0RACE'], now);
      touched();
      await released;
    });
    await touchedOnce;
    const during = await claimDueMessages(database.db.prisma, now, { now: new Date(), ms: 60_000 }, 100);
    expect(during.some((message) => message.orderingKey === 'home:U0RACE')).toBe(false);
    release();
    await change;
    const after = await claimDueMessages(database.db.prisma, now, { now: new Date(), ms: 60_000 }, 100);
    expect(after.filter((message) => message.orderingKey === 'home:U0RACE')).toHaveLength(1);
  });
});
