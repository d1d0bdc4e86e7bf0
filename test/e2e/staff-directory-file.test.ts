// The staff directory from the settings' CSV file: imported at start-up, not again while the file
// is unchanged (so people pasted in by admins are kept), and again once it changes; a bad file
// stops the start with its problems.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { requestSettings } from '../support/request-flows.js';
import { startTestBot } from '../support/test-bot.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsm-directory-'));
const file = path.join(dir, 'staff.csv');
let database: TestDatabase;
let fake: FakeSlack;
afterAll(async () => {
  await database.drop();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startWithFile(): Promise<{ people: string[]; imports: number }> {
  const t = await startTestBot({ settings: requestSettings({ directory: { file } }), sharedWith: { database, fake } });
  try {
    const people = (await t.bot.db.prisma.staffMember.findMany({ orderBy: { userId: 'asc' } })).map((member) => `${member.userId}:${member.department}:${member.isHead}`);
    return { people, imports: await t.bot.db.prisma.auditEntry.count({ where: { recordNumber: 'directory', action: 'directory_file_imported' } }) };
  } finally {
    await t.stop();
  }
}

describe('the directory file', () => {
  it('is imported at start-up when it changed, and a bad one stops the start', async () => {
    database = await createTestDatabase(true);
    fake = await startFakeSlack();
    fs.writeFileSync(file, 'user_id,name,department,is_head\nU0A,Ann,Finance,yes\nU0B,Bo,Finance,no\n');
    expect(await startWithFile()).toEqual({ people: ['U0A:Finance:true', 'U0B:Finance:false'], imports: 1 });
    expect(await startWithFile()).toEqual({ people: ['U0A:Finance:true', 'U0B:Finance:false'], imports: 1 });
    fs.writeFileSync(file, 'user_id,name,department,is_head\nU0A,Ann,Finance,yes\nU0C,Cy,IT,yes\n');
    expect(await startWithFile()).toEqual({ people: ['U0A:Finance:true', 'U0C:IT:true'], imports: 2 });
    fs.writeFileSync(file, 'user_id,name,department,is_head\nU0A,Ann,Finance,yes\nU0D,Di,Finance,yes\n');
    await expect(startWithFile()).rejects.toThrow('directory.file ' + file + ': line 0: two_heads Finance: U0A, U0D');
  });
});
