import { describe, expect, it } from 'vitest';
import { buildIndex, search, searchTerms, tokenize, type SearchDocument } from '../../src/domain/text-search.js';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['Printer jammed AGAIN!', ['printer', 'jammed', 'again']],
    ['打印机卡纸怎么办？', ['打印', '印机', '机卡', '卡纸', '纸怎', '怎么', '么办']],
    ['VPN无法连接', ['vpn', '无法', '法连', '连接']],
    ['VPN 无法连接。', ['vpn', '无法', '法连', '连接']],
    ['3楼打印机', ['3', '楼打', '打印', '印机']],
    ['纸', ['纸']],
    ['纸，卡', ['纸', '卡']],
    ['「重要」【通知】（测试）', ['重要', '通知', '测试']],
    ['ＶＰＮ１２３，Ｏｕｔｌｏｏｋ', ['vpn123', 'outlook']],
    ['Win10 e-mail: 10.0.0.1', ['win10', 'e', 'mail', '10', '0', '0', '1']],
    ["can't connect (error 0x80070005)", ['can', 't', 'connect', 'error', '0x80070005']],
    ['Café déjà vu', ['café', 'déjà', 'vu']],
    ['', []],
    ['!!! ？？ —— …', []],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});

describe('searchTerms', () => {
  it('folds English plurals and leaves other words alone', () => {
    expect(searchTerms('Printers policies windows access status analysis bus 打印机们')).toEqual([
      'printer',
      'policy',
      'window',
      'access',
      'status',
      'analysis',
      'bus',
      '打印',
      '印机',
      '机们',
    ]);
  });
});

describe('BM25 scores', () => {
  // Two documents of weighted length 4 (a title term counts 3 times): the average is 4, so the
  // length norm is 1. "vpn" is in both: idf = ln(1 + (2 − 2 + 0.5) / (2 + 0.5)) = ln 1.2.
  // In the title tf = 3: 3 × 2.2 / (3 + 1.2) = 11/7. In the body tf = 1: 1 × 2.2 / (1 + 1.2) = 1.
  const index = buildIndex([
    { id: 'body', title: 'Printer', body: 'VPN' },
    { id: 'title', title: 'VPN', body: 'reset' },
  ]);

  it('weights a title match above a body match, as computed by hand', () => {
    const hits = search(index, 'vpn', 10);
    expect(hits.map((hit) => hit.id)).toEqual(['title', 'body']);
    expect(hits[0]?.score).toBeCloseTo((Math.log(1.2) * 11) / 7, 12);
    expect(hits[1]?.score).toBeCloseTo(Math.log(1.2), 12);
  });

  it('gives a rarer term more weight: idf of a term in one of two documents is ln(1 + 1.5/1.5) = ln 2', () => {
    // "reset" is in the body of "title" only: tf 1, so the saturation factor is 1 again.
    expect(search(index, 'reset', 10)).toEqual([{ id: 'title', score: Math.log(2) }]);
  });
});

describe('searching articles in English and Chinese', () => {
  const ARTICLES: SearchDocument[] = [
    { id: 'kb-1', title: '打印机卡纸怎么办', body: '打开前盖，取出卡住的纸张，再合上前盖。' },
    { id: 'kb-2', title: 'VPN 无法连接', body: '检查网络后，重新登录 VPN 客户端。' },
    { id: 'kb-3', title: 'Printer shows offline', body: 'Restart the print spooler and check the network cable.' },
    { id: 'kb-4', title: 'Outlook cannot connect to Exchange', body: 'Check that the VPN is connected, then restart Outlook.' },
    { id: 'kb-5', title: '打印机缺纸提示', body: '纸盒空了时加纸，打印机会自动继续。' },
  ];
  const index = buildIndex(ARTICLES);
  const ids = (query: string, limit = 10) => search(index, query, limit).map((hit) => hit.id);

  it.each<[string, string[]]>([
    // All four pairs are in kb-1's title; kb-5 shares 打印 and 印机 only.
    ['打印机卡纸', ['kb-1', 'kb-5']],
    // 卡纸 is in kb-1's title; kb-1's body has 卡住 and kb-5 has 加纸, neither of which is 卡纸.
    ['卡纸', ['kb-1']],
    // The whole query is kb-2's title; kb-4 mentions the VPN in its body only.
    ['VPN 无法连接', ['kb-2', 'kb-4']],
    ['vpn无法连接！', ['kb-2', 'kb-4']],
    ['ＶＰＮ', ['kb-2', 'kb-4']],
    ['printers', ['kb-3']],
    ['Outlook???', ['kb-4']],
    // kb-3 has "network" in its body, kb-2 has 网络 in its body: different scripts, different terms.
    ['network', ['kb-3']],
    ['网络', ['kb-2']],
    // Both have it once in the body; kb-3 is the shorter article (weighted length 18 against 24).
    ['restart', ['kb-3', 'kb-4']],
  ])('%j finds %j, best first', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each(['数据库', '？！。', '', '   '])('%j finds nothing', (query) => {
    expect(ids(query)).toEqual([]);
  });

  it('returns at most the limit', () => {
    expect(ids('VPN 无法连接', 1)).toEqual(['kb-2']);
    expect(ids('VPN 无法连接', 0)).toEqual([]);
  });

  it('gives the same scores whatever order the documents come in', () => {
    const reversed = buildIndex([...ARTICLES].reverse());
    expect(search(reversed, '打印机 VPN restart', 10)).toEqual(search(index, '打印机 VPN restart', 10));
  });

  it('orders equal scores by id', () => {
    const twins = buildIndex([
      { id: 'b', title: 'Mail', body: 'same' },
      { id: 'a', title: 'Mail', body: 'same' },
    ]);
    expect(search(twins, 'mail', 10).map((hit) => hit.id)).toEqual(['a', 'b']);
  });

  it('finds nothing in an empty index', () => {
    expect(search(buildIndex([]), 'vpn', 10)).toEqual([]);
  });
});
