import { describe, expect, it } from 'vitest';
import { startTestBot } from '../support/test-bot.js';

describe('GET /healthz', () => {
  it('answers 200 while the database answers and 503 once it does not', async () => {
    const t = await startTestBot();
    try {
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      await t.bot.db.connection.close();
      const response = await fetch(`${t.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'database unavailable' });
    } finally {
      await t.stop().catch(() => undefined);
    }
  });
});
