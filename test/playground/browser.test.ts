// The playground in headless Chromium: a person reports an incident from the message box, the
// desk agent takes and resolves it, the reporter confirms the fix and answers the survey.
// Needs Chromium (Debian's `chromium`; CHROMIUM_PATH to use another); skipped without it.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlayground } from '../../src/playground/playground.js';
import { DESK, GENERAL, PEOPLE, startTestPlayground } from './start.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => file && fs.existsSync(file));
const SKIPPED = CHROMIUM ? '' : ' — SKIPPED: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)';
/** Where the screenshot goes; UPDATE_SCREENSHOT=1 also writes the README's docs/playground.png. */
const SCREENSHOTS = ['test-results/playground.png', ...(process.env.UPDATE_SCREENSHOT === '1' ? ['docs/playground.png'] : [])];

let playground: RunningPlayground;
let browser: Browser;
let page: Page;

const card = (number: string) => page.locator('article.msg', { has: page.locator('.bk-header', { hasText: `${number} · ` }) });

async function become(person: string, where: string): Promise<void> {
  await page.selectOption('#person', person);
  await page.click(`a.side-link[data-where="${where}"]`);
  await expect.poll(() => page.locator('a.side-link.active').getAttribute('data-where')).toBe(where);
}

describe.skipIf(!CHROMIUM)(`the playground in a browser${SKIPPED}`, () => {
  beforeAll(async () => {
    playground = await startTestPlayground();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('reports an incident, takes and resolves it, confirms the fix and answers the survey', async () => {
    await page.goto(`${playground.url}/?as=${PEOPLE.requester}#${GENERAL}`);
    await page.fill('#composer-text', '/incident My laptop will not boot');
    await page.press('#composer-text', 'Enter');
    const confirmation = page.locator('article.msg.ephemeral', { hasText: 'INC-000001' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain('Only visible to you');

    await become(PEOPLE.desk, DESK);
    await card('INC-000001').locator('button[data-action-id="incident.take"]').click();
    await card('INC-000001').locator('.bk-field', { hasText: 'In progress' }).waitFor();
    await card('INC-000001').locator('button[data-action-id="incident.form.resolve"]').click();
    const modal = page.locator('form.modal');
    await modal.locator('.modal-submit').click();
    await modal.locator('.bk-error').waitFor();
    await modal.locator('textarea').fill('Reseated the memory; it boots again.');
    await modal.locator('.modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    await card('INC-000001').locator('.bk-field', { hasText: 'Resolved' }).waitFor();

    await become(PEOPLE.requester, `D${PEOPLE.requester.slice(1)}`);
    await page.locator('button[data-action-id="incident.fixed_yes"]').last().click();
    await page.getByRole('button', { name: 'Very satisfied' }).click();
    await page.getByText('Thank you').first().waitFor();

    const incident = await playground.bot.db.prisma.incident.findUniqueOrThrow({ where: { number: 'INC-000001' } });
    expect(incident.state).toBe('closed');
    expect(await playground.bot.db.prisma.satisfactionSurvey.findUniqueOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ rating: 'very_satisfied', respondentId: PEOPLE.requester });

    await become(PEOPLE.desk, DESK);
    await card('INC-000001').locator('[data-open-thread]').first().click();
    await page.locator('.thread-timeline article.msg').nth(1).waitFor();
    for (const file of SCREENSHOTS) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
    }
    expect(playground.fake.violations).toEqual([]);
  });

  it('reports a message as an incident with the message shortcut, and moves the clock', async () => {
    await become(PEOPLE.requester, GENERAL);
    await page.fill('#composer-text', 'The printer on floor 3 eats every page');
    await page.press('#composer-text', 'Enter');
    const message = page.locator('article.msg', { hasText: 'eats every page' });
    await message.hover();
    await message.locator('.msg-more summary').click();
    await message.getByRole('button', { name: 'Report an incident' }).click();
    const modal = page.locator('form.modal');
    expect(await modal.locator('input.bk-input').first().inputValue()).toBe('The printer on floor 3 eats every page');
    await modal.locator('.modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    // Reported from a form (no response URL), the confirmation comes as a direct message.
    await page.click(`a.side-link[data-where="D${PEOPLE.requester.slice(1)}"]`);
    await page.locator('article.msg', { hasText: 'INC-000002' }).waitFor();
    expect(await playground.bot.db.prisma.incident.findUniqueOrThrow({ where: { number: 'INC-000002' } })).toMatchObject({ source: 'message_shortcut' });

    const before = await page.locator('#clock-now').textContent();
    await page.click('[data-advance="60"]');
    await expect.poll(() => page.locator('#clock-now').textContent()).not.toBe(before);
  });
});
