import { describe, expect, it } from 'vitest';
import { claimJobSlot, finishJobSlot } from '../../src/db/repositories/job-runs.js';
import { useMigratedDatabase } from '../support/migrated-database.js';

const database = useMigratedDatabase();

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 1, minutes));
const LEASE = 10 * 60_000;

describe('job slots', () => {
  it('go to one instance; a claim whose instance died is taken over when its lease ends; a finished slot stays done', async () => {
    expect(await claimJobSlot(database.db.prisma, 'sla.alerts', '2026-03-02T01:00', 'instance-a', at(0), LEASE)).toBe(true);
    expect(await claimJobSlot(database.db.prisma, 'sla.alerts', '2026-03-02T01:00', 'instance-b', at(1), LEASE)).toBe(false);
    // instance-a died without finishing: after its lease, another instance runs the slot.
    expect(await claimJobSlot(database.db.prisma, 'sla.alerts', '2026-03-02T01:00', 'instance-b', at(11), LEASE)).toBe(true);
    await finishJobSlot(database.db.prisma, 'sla.alerts', '2026-03-02T01:00', at(12));
    expect(await claimJobSlot(database.db.prisma, 'sla.alerts', '2026-03-02T01:00', 'instance-c', at(40), LEASE)).toBe(false);
    const row = await database.db.prisma.jobRun.findUniqueOrThrow({ where: { job_slot: { job: 'sla.alerts', slot: '2026-03-02T01:00' } } });
    expect(row.claimedBy).toBe('instance-b');
  });

  it('are claimed once when many instances try at the same moment', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => claimJobSlot(database.db.prisma, 'oncall.handoffs', '2026-03-02T01:05', `instance-${index}`, at(5), LEASE)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
