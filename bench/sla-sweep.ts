// The cost of one SLA sweep tick with many open tickets of which 100 are due: it should follow the
// number of due tickets, not the number of open ones (an indexed query), so 100k costs about what
// 10k does.
import { openMigratedDatabase, type Database } from '../src/db/database.js';
import { loadSettings } from '../src/settings/load.js';
import { SlaTracker } from '../src/services/sla.js';
import { slackSlaMessages } from '../src/slack/incident/messages.js';
import type { TestDatabase } from '../test/support/test-database.js';

export interface SweepResult {
  openTickets: number;
  due: number;
  /** Milliseconds per tick (median of the rounds). */
  tickMs: number;
  plan: string;
}

const DUE = 100;
const ROUNDS = 5;
const NOW = new Date('2026-03-02T06:00:00Z');

/** Open P3 tickets; the first DUE have an alert due before NOW, the others weeks later. */
async function seed(db: Database, openTickets: number): Promise<void> {
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "Incident" ("number", "title", "description", "impact", "urgency", "priority", "source", "state", "reporterId",
      "openedAt", "updatedAt", "responseDueAt", "resolutionDueAt", "nextSlaAlertAt", "slaPolicyId")
    SELECT 'INC-B' || lpad(n::text, 7, '0'), 'Bench ticket ' || n, 'Seeded for the benchmark', 'medium', 'medium', 'P3', 'slash_command', 'new', 'U0BENCH',
      TIMESTAMP '2026-03-02 01:00:00', TIMESTAMP '2026-03-02 01:00:00', TIMESTAMP '2026-03-02 05:00:00', TIMESTAMP '2026-03-05 01:00:00',
      CASE WHEN n <= ${DUE} THEN TIMESTAMP '2026-03-02 03:00:00' ELSE TIMESTAMP '2026-04-02 03:00:00' END, 'P3'
    FROM generate_series(1, ${openTickets}) AS n`);
  await db.prisma.$executeRawUnsafe('ANALYZE "Incident"');
}

/** Makes the same DUE tickets due again, so every round has the same work. */
async function rearm(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(`UPDATE "Incident" SET "nextSlaAlertAt" = TIMESTAMP '2026-03-02 03:00:00', "slaAlertsSent" = '{}' WHERE "number" <= 'INC-B${String(DUE).padStart(7, '0')}'`);
  await db.prisma.$executeRawUnsafe('DELETE FROM "OutboxMessage"');
}

export async function measureSweep(database: TestDatabase, openTickets: number): Promise<SweepResult> {
  const db = await openMigratedDatabase(database.target);
  try {
    await seed(db, openTickets);
    const settings = loadSettings(undefined, { serviceDeskChannel: 'C0BENCH' });
    const sla = new SlaTracker({ db, settings: () => settings, messages: slackSlaMessages(() => settings), onBreach: async () => undefined });
    const timings: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      await rearm(db);
      const started = performance.now();
      const sent = await sla.sendDueAlerts(NOW);
      timings.push(performance.now() - started);
      if (sent !== DUE) throw new Error(`the sweep sent ${sent} alerts, expected ${DUE}`);
    }
    const plan = await db.prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT "number" FROM "Incident" WHERE "nextSlaAlertAt" <= TIMESTAMP '2026-03-02 06:00:00' ORDER BY "nextSlaAlertAt" LIMIT 100`,
    );
    timings.sort((a, b) => a - b);
    return { openTickets, due: DUE, tickMs: timings[Math.floor(ROUNDS / 2)]!, plan: plan.map((row) => row['QUERY PLAN']).join('\n') };
  } finally {
    await db.close();
  }
}
