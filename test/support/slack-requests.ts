// Signed requests as Slack sends them live in src/fake-slack/ (the playground sends them too).
export * from '../../src/fake-slack/slack-requests.js';
