// Hot-path statements bypass Prisma's client but stay inside the caller's transaction: they see
// what it wrote, what they write is undone with it, and they run in its order.
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/db/repositories/audit.js';
import { nextSequenceValue } from '../../src/db/repositories/counters.js';
import { findIncidentById, insertIncident } from '../../src/db/repositories/incidents.js';
import { createIncident } from '../../src/domain/incident.js';
import { DEFAULT_PRIORITY_MATRIX } from '../../src/domain/priority.js';
import { Prisma } from '../../src/db/generated/client.js';
import { sqlQuery } from '../../src/db/direct-sql.js';
import { useMigratedDatabase } from '../support/migrated-database.js';

const database = useMigratedDatabase();
const at = new Date('2026-03-02T01:00:00Z');
const record = { recordType: 'incident', recordId: 1, recordNumber: 'INC-TX' } as const;

describe('statements run on the transaction connection', () => {
  it('see rows the transaction wrote through Prisma before it commits', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.counter.create({ data: { name: 'SEEN', value: 41 } });
      return sqlQuery<{ value: number }>(tx, Prisma.sql`SELECT "value" FROM "Counter" WHERE "name" = ${'SEEN'}`);
    });
    expect(seen).toEqual([{ value: 41 }]);
  });

  it('are undone when the transaction fails', async () => {
    const failed = database.db.transaction(async (tx) => {
      await nextSequenceValue(tx, 'UNDONE');
      await appendAudit(tx, record, at, [{ actorId: 'U0TX', action: 'created', details: { note: 'rolled back' } }]);
      throw new Error('the work failed after writing');
    });
    await expect(failed).rejects.toThrow('the work failed after writing');
    expect(await database.db.prisma.counter.findUnique({ where: { name: 'UNDONE' } })).toBeNull();
    expect(await database.db.prisma.auditEntry.count({ where: { recordNumber: 'INC-TX' } })).toBe(0);
  });

  it('keep what they wrote once the transaction commits, values as given', async () => {
    await database.db.transaction(async (tx) => {
      await appendAudit(tx, record, at, [
        { actorId: 'U0TX', action: 'created', details: { title: 'Drucker "3. OG" défaillant', tags: ['a', 'b'] } },
        { actorId: 'U0TX', action: 'field_changed', field: 'priority', fromValue: 'P3', toValue: null },
      ]);
    });
    const entries = await database.db.prisma.auditEntry.findMany({ where: { recordNumber: 'INC-TX' }, orderBy: { id: 'asc' } });
    expect(entries.map(({ action, field, fromValue, toValue, details, at: when }) => ({ action, field, fromValue, toValue, details, at: when }))).toEqual([
      { action: 'created', field: null, fromValue: null, toValue: null, details: { title: 'Drucker "3. OG" défaillant', tags: ['a', 'b'] }, at },
      { action: 'field_changed', field: 'priority', fromValue: 'P3', toValue: null, details: null, at },
    ]);
  });

  it('number one after the other within and across transactions', async () => {
    const first = await database.db.transaction(async (tx) => [await nextSequenceValue(tx, 'SEQ'), await nextSequenceValue(tx, 'SEQ')]);
    const next = await database.db.transaction((tx) => nextSequenceValue(tx, 'SEQ'));
    expect([...first, next]).toEqual([1, 2, 3]);
  });
});

describe('incidents inserted in SQL', () => {
  it('read back through Prisma as they were written', async () => {
    const opened = createIncident({ number: 'INC-ROW', reporterId: 'U0TX', impact: 'high', urgency: 'high', isSecurity: true }, DEFAULT_PRIORITY_MATRIX, at);
    const state = { ...opened, totalHeldMs: 5_000_000_000, hold: { kind: 'awaiting_supplier' as const, reason: 'parts', since: at } };
    const details = { title: 'Drucker "3. OG", Flur \\ Süd', description: '', categoryPath: null, affectedService: 'printing', source: 'modal' as const, sourcePermalink: null, reporterLocale: 'zh-CN' as const };
    const sla = { policyId: 'p1', responseDueAt: new Date('2026-03-02T01:15:00.123Z'), resolutionDueAt: null, nextSlaAlertAt: at, alertsSent: ['response:warn', 'quote "x", comma \\ back', ''] };
    const inserted = await database.db.transaction((tx) => insertIncident(tx, state, details, 'key-row', sla));
    const read = await database.db.transaction((tx) => findIncidentById(tx, inserted?.id ?? 0));
    expect(read).toEqual(inserted);
    expect(read).toMatchObject({ title: details.title, isSecurity: true, totalHeldMs: 5_000_000_000, hold: state.hold, sla: { responseDueAt: sla.responseDueAt, alertsSent: sla.alertsSent } });

    const again = { ...state, number: 'INC-ROW2' };
    expect(await database.db.transaction((tx) => insertIncident(tx, again, { ...details, title: 'second delivery' }, 'key-row', sla))).toBeNull();
    expect(await database.db.prisma.incident.findMany({ where: { requestKey: 'key-row' }, select: { number: true, title: true } })).toEqual([{ number: 'INC-ROW', title: details.title }]);
  });
});
