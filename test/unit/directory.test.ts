// Whom the bot is talking to: a returning user's language is answered at once and read again in
// the background; a new user's is read from Slack before the bot answers them.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { SlackDirectory } from '../../src/slack/directory.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testSettings } from '../support/test-bot.js';

let fake: FakeSlack;
let directory: SlackDirectory;
const settings = testSettings();
const localeReads = () => fake.callsTo('users.info').length;

beforeEach(async () => {
  fake = await startFakeSlack();
  directory = new SlackDirectory(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }), () => settings, createLogger('silent'));
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await fake.close();
});

describe('the language of the person acting', () => {
  it('is read from Slack the first time, then answered from memory', async () => {
    fake.setUser('U0ZH', { locale: 'zh-CN' });
    expect(await directory.localeOf('U0ZH')).toBe('zh-CN');
    fake.setUser('U0ZH', { locale: 'en-US' });
    expect(await directory.localeOf('U0ZH')).toBe('zh-CN');
    expect(localeReads()).toBe(1);
  });

  it('is answered at once after five minutes, while a background read picks up a change for next time', async () => {
    fake.setUser('U0MOVED', { locale: 'zh-CN' });
    await directory.localeOf('U0MOVED');
    fake.setUser('U0MOVED', { locale: 'en-US' });
    vi.advanceTimersByTime(6 * 60_000);
    expect(await directory.localeOf('U0MOVED')).toBe('zh-CN');
    await vi.waitFor(() => expect(localeReads()).toBe(2));
    await vi.waitFor(async () => expect(await directory.localeOf('U0MOVED')).toBe('en'));
    expect(localeReads()).toBe(2);
  });

  it('stays as known when the background read fails', async () => {
    fake.setUser('U0KEEP', { locale: 'zh-CN' });
    await directory.localeOf('U0KEEP');
    fake.failNext('users.info', 1, { error: 'fatal_error' });
    vi.advanceTimersByTime(6 * 60_000);
    expect(await directory.localeOf('U0KEEP')).toBe('zh-CN');
    await vi.waitFor(() => expect(localeReads()).toBe(2));
    expect(await directory.localeOf('U0KEEP')).toBe('zh-CN');
  });

  it('is the workspace default for someone new when Slack cannot say', async () => {
    fake.failNext('users.info', 1, { error: 'fatal_error' });
    expect(await directory.localeOf('U0NEW')).toBe(settings.defaultLocale);
  });
});
