// Slack's Block Kit limits, checked by the fake Slack: src/fake-slack/block-kit-limits.ts.
export * from '../../src/fake-slack/block-kit-limits.js';
