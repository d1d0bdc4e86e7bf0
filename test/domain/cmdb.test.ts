import { describe, expect, it } from 'vitest';
import { applyCiUpdate, fieldValue, impactedItems, parseCiUpdates, updateProblems, type CiState } from '../../src/domain/cmdb.js';
import { exportItems, parseItems, planImport } from '../../src/domain/cmdb-transfer.js';

const db: CiState = { key: 'ERP-DB-01', name: 'ERP database', type: 'database', status: 'in_use', ownerId: 'U0DBA', version: '14', location: 'DC1', services: ['ERP'], relationships: [{ kind: 'runs_on', to: 'VM-7' }] };
const vm: CiState = { key: 'VM-7', name: 'VM 7', type: 'server', status: 'in_use', ownerId: null, version: null, location: null, services: [], relationships: [] };

describe('configuration item updates', () => {
  it('parses one update per line, normalising values', () => {
    expect(parseCiUpdates('erp-db-01 version=15\n\nERP-DB-01 owner=<@U0NEW|new>\nERP-DB-01 depends_on = vm-7; san-1')).toEqual({
      ok: true,
      updates: [
        { itemKey: 'ERP-DB-01', field: 'version', value: '15' },
        { itemKey: 'ERP-DB-01', field: 'owner', value: 'U0NEW' },
        { itemKey: 'ERP-DB-01', field: 'depends_on', value: 'VM-7, SAN-1' },
      ],
    });
  });

  it('reports every malformed line', () => {
    expect(parseCiUpdates('ERP-DB-01 colour=blue\nERP-DB-01 status=broken\njust text')).toEqual({
      ok: false,
      problems: [
        { line: 1, problem: 'unknown_field', detail: 'colour' },
        { line: 2, problem: 'bad_value', detail: 'ERP-DB-01 status=broken' },
        { line: 3, problem: 'syntax', detail: 'just text' },
      ],
    });
  });

  it('checks items and relationship targets against the CMDB', () => {
    const parsed = parseCiUpdates('ERP-DB-01 depends_on=SAN-1\nNOPE version=1\nVM-7 part_of=VM-7');
    if (!parsed.ok) throw new Error('parse');
    expect(updateProblems(parsed.updates, new Set(['ERP-DB-01', 'VM-7']))).toEqual([
      { line: 1, problem: 'unknown_target', detail: 'SAN-1' },
      { line: 2, problem: 'unknown_item', detail: 'NOPE' },
      { line: 3, problem: 'self_relationship', detail: 'VM-7' },
    ]);
  });

  it('applies an update, replacing the relationships of one kind only', () => {
    const updated = applyCiUpdate({ ...db, relationships: [...db.relationships, { kind: 'depends_on', to: 'SAN-1' }] }, { itemKey: 'ERP-DB-01', field: 'depends_on', value: 'SAN-2' });
    expect(updated.relationships).toEqual([{ kind: 'runs_on', to: 'VM-7' }, { kind: 'depends_on', to: 'SAN-2' }]);
    expect(fieldValue(applyCiUpdate(db, { itemKey: db.key, field: 'version', value: '' }), 'version')).toBe('');
  });
});

describe('impact', () => {
  it('follows dependants, hosted items and wholes, each once', () => {
    const edges = [
      { from: 'ERP-APP', kind: 'depends_on', to: 'ERP-DB-01' },
      { from: 'ERP-DB-01', kind: 'runs_on', to: 'VM-7' },
      { from: 'VM-7', kind: 'part_of', to: 'CLUSTER-A' },
      { from: 'ERP-DB-01', kind: 'depends_on', to: 'ERP-APP' },
    ] as const;
    expect(impactedItems(edges, 'VM-7').sort()).toEqual(['CLUSTER-A', 'ERP-APP', 'ERP-DB-01']);
    expect(impactedItems(edges, 'CLUSTER-A')).toEqual([]);
  });
});

describe('import and export', () => {
  it.each(['yaml', 'csv'] as const)('reads back what it exports (%s)', (format) => {
    const text = exportItems(format, [db, vm]);
    expect(parseItems(format, text)).toEqual({ ok: true, items: [db, vm] });
  });

  it('creates new items and refuses to change existing ones', () => {
    const existing = new Map([[vm.key, vm]]);
    const planned = planImport([db, { ...vm, location: 'DC2' }], existing);
    expect(planned).toEqual({ ok: true, plan: { create: [db], unchanged: [], refused: [{ key: 'VM-7', fields: ['location'] }] } });
  });

  it('refuses relationships to unknown items and bad rows', () => {
    expect(planImport([db], new Map())).toEqual({ ok: false, problems: [{ line: 1, problem: 'unknown_target', detail: 'VM-7' }] });
    const parsed = parseItems('csv', 'id,name,type,status\nA-1,Thing,server,broken\n');
    expect(parsed.ok).toBe(false);
  });
});
