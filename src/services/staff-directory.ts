// The staff directory as a service: imports (pasted by an admin, or the settings' CSV file at
// start-up), the department head who approves a person's requests, and a person's team lead.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { findWithDepartment, lastAuditValue, listStaff, replaceStaff } from '../db/repositories/staff.js';
import type { DepartmentApprover } from '../domain/request.js';
import { assertAdmin } from '../domain/roles.js';
import { departmentApproverOf, directoryProblems, mergeStaff, parseStaffCsv, type StaffImportProblem, type StaffMember } from '../domain/staff.js';
import type { RequestActor } from './context.js';

export type ImportMode = 'merge' | 'replace';

export type DirectoryImportResult =
  | { ok: true; imported: number; total: number; headless: string[] }
  | { ok: false; problems: StaffImportProblem[] };

const DIRECTORY_RECORD = { recordType: 'settings', recordId: 0, recordNumber: 'directory' } as const;
const FILE_IMPORT = 'directory_file_imported';

export class StaffDirectory {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** An admin's import: `merge` adds or replaces the people listed, `replace` makes them the whole directory. */
  async import(csv: string, mode: ImportMode, actor: RequestActor): Promise<DirectoryImportResult> {
    assertAdmin(actor);
    const parsed = parseStaffCsv(csv);
    if (!parsed.ok) return parsed;
    return this.deps.db.transaction((tx) => this.save(tx, parsed.members, mode, actor.userId, 'directory_imported', {}));
  }

  /**
   * The settings' CSV file, imported as the whole directory when its contents differ from its last
   * import (so people pasted in by admins since are kept until the file changes). Throws on a bad file.
   */
  async importFile(csv: string, file: string): Promise<DirectoryImportResult | null> {
    const hash = createHash('sha256').update(csv).digest('hex');
    return this.deps.db.transaction(async (tx) => {
      if ((await lastAuditValue(tx, DIRECTORY_RECORD, FILE_IMPORT)) === hash) return null;
      const parsed = parseStaffCsv(csv);
      if (!parsed.ok) return parsed;
      return this.save(tx, parsed.members, 'replace', 'system', FILE_IMPORT, { file, hash });
    });
  }

  private async save(tx: Tx, incoming: StaffMember[], mode: ImportMode, actorId: string, action: string, extra: { file?: string; hash?: string }): Promise<DirectoryImportResult> {
    const merged = mode === 'replace' ? incoming : mergeStaff(await listStaff(tx), incoming);
    const { twoHeads, headless } = directoryProblems(merged);
    if (twoHeads.length > 0) return { ok: false, problems: twoHeads };
    const now = this.deps.clock.now();
    await replaceStaff(tx, merged, now);
    await appendAudit(tx, DIRECTORY_RECORD, now, [
      { actorId, action, toValue: extra.hash ?? null, details: { mode, people: incoming.length, total: merged.length, ...(extra.file ? { file: extra.file } : {}) } },
    ]);
    return { ok: true, imported: incoming.length, total: merged.length, headless };
  }

  /** Who gives the department's approval of the person's request (null: not in the directory, or no head). */
  async departmentApprover(tx: Tx, userId: string): Promise<DepartmentApprover | null> {
    return departmentApproverOf(await findWithDepartment(tx, userId), userId);
  }

  /** The person's team lead: their department's head, unless that is themselves. */
  async leadOf(tx: Tx, userId: string): Promise<string | null> {
    const approver = await this.departmentApprover(tx, userId);
    return approver?.kind === 'head' ? approver.userId : null;
  }
}
