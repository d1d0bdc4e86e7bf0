// The framework alone: a Bolt app over HTTP that only acknowledges `/incident`. The benchmark
// compares our app's acknowledgement latency with this one's. Plain JavaScript, so it runs on plain
// Node as our built bot does (`npm start` runs dist/main.js).
import { App, HTTPReceiver } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
});
app.command('/incident', async ({ ack }) => {
  await ack();
});

const server = await app.start(Number(process.env.PORT ?? 0));
const address = server.address();
process.stdout.write(`${JSON.stringify({ msg: 'bare app running', port: typeof address === 'object' && address ? address.port : 0 })}\n`);
