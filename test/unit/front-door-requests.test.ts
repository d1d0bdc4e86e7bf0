import { describe, expect, it } from 'vitest';
import { answeredInAcknowledgement, isSignedBySlack, parseSlackBody } from '../../src/slack/front-door/requests.js';
import { slackSignature } from '../support/slack-requests.js';

const FORM = 'application/x-www-form-urlencoded';

describe('parseSlackBody', () => {
  it('reads a slash command form, a form whose payload is JSON, and a JSON event', () => {
    expect(parseSlackBody('command=%2Fincident&text=printer+down', FORM)).toEqual({ command: '/incident', text: 'printer down' });
    const payload = encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'incident.take' }] }));
    expect(parseSlackBody(`payload=${payload}`, FORM)).toEqual({ type: 'block_actions', actions: [{ action_id: 'incident.take' }] });
    expect(parseSlackBody('{"type":"event_callback","event":{"type":"app_home_opened"}}', 'application/json')).toMatchObject({ type: 'event_callback' });
    expect(parseSlackBody('ssl_check=1&token=x', FORM)).toEqual({ ssl_check: '1', token: 'x' });
  });

  it('turns away what no Slack request looks like', () => {
    for (const body of ['null', '42', '[]', '"text"', '{"hello":"world"}', '{not json']) expect(parseSlackBody(body, 'application/json')).toBeNull();
    expect(parseSlackBody('payload=%7Bbroken', FORM)).toBeNull();
    expect(parseSlackBody('payload=null', FORM)).toBeNull();
    expect(parseSlackBody('user_id=U1', FORM)).toBeNull();
  });
});

describe('answeredInAcknowledgement', () => {
  it('holds forms and option lists for the answer, and nothing else', () => {
    expect(answeredInAcknowledgement({ type: 'view_submission' })).toBe(true);
    expect(answeredInAcknowledgement({ type: 'block_suggestion' })).toBe(true);
    for (const type of ['block_actions', 'shortcut', 'message_action', 'event_callback', 'view_closed']) expect(answeredInAcknowledgement({ type })).toBe(false);
    expect(answeredInAcknowledgement({ command: '/incident' })).toBe(false);
  });
});

describe('isSignedBySlack', () => {
  const secret = 'shh';
  const body = 'command=%2Fincident';
  const now = Date.UTC(2026, 10, 21, 12);
  const timestamp = now / 1000;
  const headers = (signature: string, at = timestamp) => ({ 'x-slack-signature': signature, 'x-slack-request-timestamp': String(at) });

  it('accepts what Slack signed with our secret, and only that', () => {
    expect(isSignedBySlack(secret, body, headers(slackSignature(secret, timestamp, body)), now)).toBe(true);
    expect(isSignedBySlack(secret, `${body}&text=more`, headers(slackSignature(secret, timestamp, body)), now)).toBe(false);
    expect(isSignedBySlack(secret, body, headers(slackSignature('other', timestamp, body)), now)).toBe(false);
  });

  it('refuses a request signed more than five minutes ago, or without the headers', () => {
    const stale = timestamp - 6 * 60;
    expect(isSignedBySlack(secret, body, headers(slackSignature(secret, stale, body), stale), now)).toBe(false);
    expect(isSignedBySlack(secret, body, {}, now)).toBe(false);
    expect(isSignedBySlack(secret, body, { 'x-slack-signature': slackSignature(secret, timestamp, body), 'x-slack-request-timestamp': 'soon' }, now)).toBe(false);
  });
});
