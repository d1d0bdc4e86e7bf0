// The knowledge base end to end: "Save as article" from a resolved incident and from a known error,
// review by a problem manager (send back with a reason, resubmit, approve), and `/kb` in English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCard, dmsTo, openForm, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import {
  actOnProblem,
  actionIdsOf,
  answerTo,
  command,
  initialValues,
  opensModal,
  press,
  pressOnCardOf,
  PROBLEM_CHANNEL,
  PROBLEM_MANAGER,
  problemSettings,
  recordProblem,
  SECOND_PROBLEM_MANAGER,
  threadTexts,
} from '../support/problem-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { DESK_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ settings: problemSettings() });
});
afterAll(async () => t.stop());

const article = (number: string) => t.bot.db.prisma.knowledgeArticle.findUniqueOrThrow({ where: { number } });
const articleText = (title: string, body: string) => inputValues({ article_title: { type: 'plain_text_input', value: title }, article_body: { type: 'plain_text_input', value: body } });

async function resolvedIncident(title: string, notes: string): Promise<string> {
  const number = await reportIncident(t, title);
  const form = await openForm(t, number, 'resolve', PEOPLE.agent);
  await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: notes } }));
  await settle(t);
  return number;
}

/** "Save as article" on a card, then the form submitted with this text; returns the article's number. */
async function saveArticle(cardNumber: string, button: string, userId: string, text?: { title: string; body: string }): Promise<string> {
  const before = await t.bot.db.prisma.knowledgeArticle.count();
  const view = await opensModal(t, () => pressOnCardOf(t, cardNumber, button, userId));
  const prefilled = initialValues(view);
  const response = await submitForm(t, view, userId, articleText(text?.title ?? prefilled.article_title ?? '', text?.body ?? prefilled.article_body ?? ''));
  expect(response.body).toBeNull();
  await expect.poll(() => t.bot.db.prisma.knowledgeArticle.count()).toBe(before + 1);
  await settle(t);
  return (await t.bot.db.prisma.knowledgeArticle.findFirstOrThrow({ orderBy: { id: 'desc' } })).number;
}

describe('saving an article from a resolved incident and reviewing it', () => {
  it('goes to review, is sent back with a reason, resubmitted, approved by another problem manager, then found by /kb', async () => {
    const incident = await resolvedIncident('Outlook search finds nothing', 'Rebuilt the Outlook search index');
    const view = await opensModal(t, () => pressOnCardOf(t, incident, 'article.save_from_incident', PEOPLE.agent));
    expect(initialValues(view)).toEqual({ article_title: 'Outlook search finds nothing', article_body: 'Symptom:\nOutlook search finds nothing\n\nSolution:\nRebuilt the Outlook search index' });
    const invalid = await submitForm(t, view, PEOPLE.agent, articleText(' ', 'text'));
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { article_title: 'This is required.' } });
    await submitForm(t, view, PEOPLE.agent, articleText('Outlook search finds nothing', 'Symptom: search finds nothing.\nSolution: File > Options > Search > Indexing Options > Rebuild.'));
    await expect.poll(() => t.bot.db.prisma.knowledgeArticle.count()).toBe(1);
    await settle(t);
    const number = (await t.bot.db.prisma.knowledgeArticle.findFirstOrThrow()).number;

    expect(number).toBe('KB-000001');
    expect(await article(number)).toMatchObject({ state: 'in_review', authorId: PEOPLE.agent, sourceKind: 'incident', sourceNumber: incident });
    const reviewCard = t.fake.callsTo('chat.postMessage').find((call) => call.args.channel === PROBLEM_CHANNEL && String(call.args.text).includes(number))!;
    expect(JSON.stringify(reviewCard.args.blocks)).toContain(`${number} · Outlook search finds nothing`);
    expect(actionIdsOf(currentCard(t, number).blocks as never)).toEqual(['article.approve', 'article.form.reject']);
    expect(dmsTo(t, PEOPLE.agent).at(-1)).toBe(`Article ${number} (*Outlook search finds nothing*) is with the problem manager for review; you will hear back here.`);
    expect(threadTexts(t, DESK_CHANNEL).at(-1)).toBe(`<@${PEOPLE.agent}> saved this as knowledge article ${number} (Outlook search finds nothing), now in review.`);
    expect((await command(t, '/kb', 'outlook search', PEOPLE.reporter)).text).toBe('Nothing in the knowledge base matches “outlook search”. Try other words, or report it with `/incident`.');

    // The author works the desk but is no reviewer.
    const notReviewer = await pressOnCardOf(t, number, 'article.approve', PEOPLE.agent);
    expect((await answerTo(t, notReviewer)).text).toBe("You're not allowed to do that on this ticket.");

    const reject = await opensModal(t, () => pressOnCardOf(t, number, 'article.form.reject', PROBLEM_MANAGER));
    const noReason = await submitForm(t, reject, PROBLEM_MANAGER, inputValues({ article_reason: { type: 'plain_text_input', value: '' } }));
    expect(noReason.body).toEqual({ response_action: 'errors', errors: { article_reason: 'This is required.' } });
    await submitForm(t, reject, PROBLEM_MANAGER, inputValues({ article_reason: { type: 'plain_text_input', value: 'Say which Outlook version' } }));
    await expect.poll(async () => (await article(number)).state).toBe('draft');
    await settle(t);
    expect(dmsTo(t, PEOPLE.agent).at(-1)).toBe(`<@${PROBLEM_MANAGER}> sent your article ${number} (Outlook search finds nothing) back: Say which Outlook version`);

    const returned = t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === PEOPLE.agent).at(-1)!;
    const edit = await opensModal(t, () => press(t, returned.args.blocks as never, 'article.form.resubmit', PEOPLE.agent, 'D0AGENT'));
    await submitForm(t, edit, PEOPLE.agent, articleText('Outlook 2021 search finds nothing', 'Symptom: Outlook 2021 search finds nothing.\nSolution: rebuild the search index (File > Options > Search).'));
    await expect.poll(async () => (await article(number)).state).toBe('in_review');
    await settle(t);

    await pressOnCardOf(t, number, 'article.approve', SECOND_PROBLEM_MANAGER);
    await expect.poll(async () => (await article(number)).state).toBe('published');
    await settle(t);
    expect(await article(number)).toMatchObject({ title: 'Outlook 2021 search finds nothing', reviewerId: SECOND_PROBLEM_MANAGER });
    expect(dmsTo(t, PEOPLE.agent).at(-1)).toBe(`<@${SECOND_PROBLEM_MANAGER}> published your article ${number} (Outlook 2021 search finds nothing); \`/kb\` finds it now.`);
    expect(threadTexts(t, PROBLEM_CHANNEL).slice(-3)).toEqual([
      `<@${PROBLEM_MANAGER}> sent the article back: Say which Outlook version`,
      `<@${PEOPLE.agent}> sent the article for review.`,
      `<@${SECOND_PROBLEM_MANAGER}> approved and published the article.`,
    ]);

    const found = await command(t, '/kb', 'outlook searching index', PEOPLE.reporter);
    expect(found.blocks).toContain(`*${number}* · Outlook 2021 search finds nothing`);
    const shown = await command(t, '/kb', number.toLowerCase(), PEOPLE.reporter);
    expect(shown.blocks).toContain('rebuild the search index');
    expect(actionIdsOf(JSON.parse(shown.blocks))).toEqual([]);

    const retire = await opensModal(t, () => pressOnCardOf(t, number, 'article.form.retire', SECOND_PROBLEM_MANAGER));
    await submitForm(t, retire, SECOND_PROBLEM_MANAGER, inputValues({ article_reason: { type: 'plain_text_input', value: 'Outlook 2021 is gone' } }));
    await expect.poll(async () => (await article(number)).state).toBe('retired');
    expect((await command(t, '/kb', 'outlook searching index', PEOPLE.reporter)).blocks).toBe('[]');

    const history = await command(t, '/itsm', `audit ${number}`, PROBLEM_MANAGER);
    expect(history.blocks).toMatch(/created.*submit · state: draft → in_review.*reject · state: in_review → draft.*edit · title.*submit · state: draft → in_review.*approve · state: in_review → published.*retire · state: published → retired/);
  });

  it('does not let a problem manager publish their own article', async () => {
    const incident = await resolvedIncident('Teams camera black', 'Updated the camera driver');
    const number = await saveArticle(incident, 'article.save_from_incident', PROBLEM_MANAGER);
    const own = await pressOnCardOf(t, number, 'article.approve', PROBLEM_MANAGER);
    expect((await answerTo(t, own)).text).toBe('You cannot decide on your own record.');
    expect((await article(number)).state).toBe('in_review');
  });

  it('refuses "Save as article" to someone who writes no articles', async () => {
    const incident = await resolvedIncident('Mouse lag', 'Replaced the receiver');
    const reply = await pressOnCardOf(t, incident, 'article.save_from_incident', PEOPLE.outsider);
    expect((await answerTo(t, reply)).text).toBe("You're not allowed to do that on this ticket.");
  });
});

describe('an article from a known error, searched in Chinese', () => {
  it('is prefilled with the cause and workaround, and /kb finds it by Chinese words', async () => {
    const problem = await recordProblem(t, PROBLEM_MANAGER, { title: '三楼打印机经常卡纸', description: '打印机卡纸，需要手动取出' });
    await pressOnCardOf(t, problem, 'problem.investigate', PROBLEM_MANAGER);
    await expect.poll(async () => (await t.bot.db.prisma.problem.findUniqueOrThrow({ where: { number: problem } })).state).toBe('investigating');
    await settle(t);
    await actOnProblem(t, problem, 'record_known_error', PROBLEM_MANAGER, { root_cause: '搓纸轮磨损', workaround: '先使用二号纸盒打印' });

    const view = await opensModal(t, () => pressOnCardOf(t, problem, 'article.save_from_problem', PEOPLE.agent));
    expect(initialValues(view).article_body).toBe('Symptom:\n打印机卡纸，需要手动取出\n\nCause:\n搓纸轮磨损\n\nWorkaround:\n先使用二号纸盒打印');
    await submitForm(t, view, PEOPLE.agent, articleText('打印机卡纸怎么办', '现象：打印机卡纸。\n临时解决方法：先使用二号纸盒打印，等待更换搓纸轮。'));
    await expect.poll(() => t.bot.db.prisma.knowledgeArticle.count({ where: { sourceNumber: problem } })).toBe(1);
    await settle(t);
    const number = (await t.bot.db.prisma.knowledgeArticle.findFirstOrThrow({ where: { sourceNumber: problem } })).number;
    expect(threadTexts(t, PROBLEM_CHANNEL).at(-1)).toContain(`saved this as knowledge article ${number}`);
    await pressOnCardOf(t, number, 'article.approve', PROBLEM_MANAGER);
    await expect.poll(async () => (await article(number)).state).toBe('published');

    const byWord = await command(t, '/kb', '卡纸', PEOPLE.outsider);
    expect(byWord.blocks).toContain(`*${number}* · 打印机卡纸怎么办`);
    const bySentence = await command(t, '/kb', '打印机总是卡纸怎么处理', PEOPLE.outsider);
    expect(bySentence.blocks).toContain(`*${number}*`);
    const nothing = await command(t, '/kb', '邮箱密码', PEOPLE.outsider);
    expect(nothing.text).toContain('邮箱密码');
    expect(nothing.blocks).toBe('[]');
  });

  it('answers /kb in the asker\'s language', async () => {
    t.fake.setUser('U0CHINESE', { locale: 'zh-CN' });
    expect((await command(t, '/kb', '', 'U0CHINESE')).text).toBe('用法：`/kb <关键词>` 搜索知识库（中文或英文），或 `/kb KB-000123` 阅读一篇文章。');
    const results = await command(t, '/kb', '卡纸', 'U0CHINESE');
    expect(results.blocks).toContain('*知识库：卡纸*');
  });

  it('is in /itsm help, in both languages, and nothing is "coming soon" any more', async () => {
    const english = (await command(t, '/itsm', 'help', PEOPLE.agent)).blocks;
    expect(english).toContain('`/kb <words>` search the knowledge base');
    expect(english).toContain('`/problem` record a problem');
    expect(english).not.toContain('Coming soon');
    const chinese = (await command(t, '/itsm', 'help', 'U0CHINESE')).blocks;
    expect(chinese).toContain('`/kb <关键词>` 搜索知识库');
    expect(chinese).toContain('`/problem` 记录问题');
    expect(chinese).not.toContain('即将推出');
  });
});
