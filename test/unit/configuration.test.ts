// `npm start` with bad configuration: one line per problem, exit code 2, no stack trace.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('starting with bad configuration', () => {
  it('names each missing variable, says where to get it, and exits with code 2', () => {
    const result = start({});
    expect(result.status).toBe(2);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('  • '));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/SLACK_BOT_TOKEN is not set: .*xoxb-.*README, "Create the Slack app"/);
    expect(problems[1]).toMatch(/SLACK_SIGNING_SECRET is not set: .*README, "Create the Slack app"/);
    expect(problems[2]).toMatch(/SERVICE_DESK_CHANNEL is not set/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a malformed DATABASE_URL and a token of the wrong kind', () => {
    const result = start({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_SIGNING_SECRET: 'secret',
      SERVICE_DESK_CHANNEL: 'C0DESK',
      DATABASE_URL: 'mysql://somewhere/db',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts with xoxb-');
    expect(result.stderr).toContain('DATABASE_URL must look like postgres://');
    expect(result.stderr).not.toContain('xoxp-user-token');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
