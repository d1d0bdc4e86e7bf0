// The staff directory: people, their department and who heads it (部门负责人), as an HR system
// exports it to CSV. Department heads give the first approval of their staff's service requests.
//
// CSV columns (a header row; names in any order and case): user_id (a Slack user id), name,
// department, and optionally email and is_head (yes/no, true/false, 1/0, 是/否). A department has at
// most one head.
import { z } from 'zod';
import { csvRecords } from './csv.js';

export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly email: string | null;
  readonly department: string;
  readonly isHead: boolean;
}

/** One problem of an import, by line of the CSV text (0: the file as a whole). */
export interface StaffImportProblem {
  readonly line: number;
  readonly problem: 'missing_columns' | 'bad_user_id' | 'missing_value' | 'bad_flag' | 'duplicate_person' | 'two_heads' | 'empty';
  readonly detail: string;
}

export type StaffImport = { ok: true; members: StaffMember[] } | { ok: false; problems: StaffImportProblem[] };

export const STAFF_CSV_COLUMNS = ['user_id', 'name', 'department', 'email', 'is_head'] as const;
const REQUIRED_COLUMNS = ['user_id', 'name', 'department'];
const userIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
const YES = ['yes', 'y', 'true', '1', '是'];
const NO = ['', 'no', 'n', 'false', '0', '否'];

/** The people of a CSV text, or every problem found (at most 20). */
export function parseStaffCsv(text: string): StaffImport {
  const { header, records } = csvRecords(text);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) return { ok: false, problems: [{ line: 1, problem: 'missing_columns', detail: missing.join(', ') }] };
  if (records.length === 0) return { ok: false, problems: [{ line: 0, problem: 'empty', detail: '' }] };
  const problems: StaffImportProblem[] = [];
  const members: StaffMember[] = [];
  const seen = new Set<string>();
  for (const { line, values } of records) {
    const member = memberOf(line, values, problems);
    if (!member) continue;
    if (seen.has(member.userId)) problems.push({ line, problem: 'duplicate_person', detail: member.userId });
    seen.add(member.userId);
    members.push(member);
  }
  problems.push(...headProblems(members));
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, members };
}

function memberOf(line: number, values: Record<string, string>, problems: StaffImportProblem[]): StaffMember | null {
  const { user_id: userId = '', name = '', department = '', email = '', is_head: flag = '' } = values;
  const before = problems.length;
  if (!userIdSchema.safeParse(userId).success) problems.push({ line, problem: 'bad_user_id', detail: userId });
  for (const [column, value] of [['name', name], ['department', department]] as const) {
    if (!value) problems.push({ line, problem: 'missing_value', detail: column });
  }
  const normalisedFlag = flag.toLowerCase();
  if (!YES.includes(normalisedFlag) && !NO.includes(normalisedFlag)) problems.push({ line, problem: 'bad_flag', detail: flag });
  if (problems.length > before) return null;
  return { userId, name, email: email || null, department, isHead: YES.includes(normalisedFlag) };
}

function headProblems(members: readonly StaffMember[]): StaffImportProblem[] {
  const heads = new Map<string, string[]>();
  for (const member of members.filter((candidate) => candidate.isHead)) {
    heads.set(member.department, [...(heads.get(member.department) ?? []), member.userId]);
  }
  return [...heads.entries()].filter(([, ids]) => ids.length > 1).map(([department, ids]) => ({ line: 0, problem: 'two_heads' as const, detail: `${department}: ${ids.join(', ')}` }));
}

/** The directory after merging `incoming` into `current`: listed people are added or replaced. */
export function mergeStaff(current: readonly StaffMember[], incoming: readonly StaffMember[]): StaffMember[] {
  const byId = new Map(current.map((member) => [member.userId, member]));
  for (const member of incoming) byId.set(member.userId, member);
  return [...byId.values()];
}

/** Departments with two heads once merged, and departments without a head (told, not refused). */
export function directoryProblems(members: readonly StaffMember[]): { twoHeads: StaffImportProblem[]; headless: string[] } {
  const departments = new Set(members.map((member) => member.department));
  const headed = new Set(members.filter((member) => member.isHead).map((member) => member.department));
  return { twoHeads: headProblems(members), headless: [...departments].filter((department) => !headed.has(department)).sort() };
}

/**
 * Who gives the department's approval of this person's request: their department's head, or
 * null when the person is not in the directory or the department has no head. A head's own
 * request goes to the `department_head` role (their own manager, configured in the settings).
 */
export function departmentApproverOf(members: readonly StaffMember[], userId: string): { kind: 'head'; userId: string } | { kind: 'role' } | null {
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) return null;
  const head = members.find((candidate) => candidate.department === member.department && candidate.isHead);
  if (!head) return null;
  return head.userId === userId ? { kind: 'role' } : { kind: 'head', userId: head.userId };
}
