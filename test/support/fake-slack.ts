// The fake Slack Web API lives in src/fake-slack/ (the playground runs on it too).
export * from '../../src/fake-slack/server.js';
