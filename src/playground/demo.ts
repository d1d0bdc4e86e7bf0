// Demo data, made through the bot's own flows (commands, buttons and forms, as people would).
import type { RunningPlayground } from './playground.js';

export async function seedDemo(playground: RunningPlayground): Promise<void> {
  await playground.settled();
}
