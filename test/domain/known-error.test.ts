import { describe, expect, it } from 'vitest';
import {
  categoryCovers,
  matchKnownErrors,
  serviceKey,
  type IncidentText,
  type KnownError,
} from '../../src/domain/known-error.js';

const VPN: KnownError = {
  number: 'PRB-000001',
  title: 'VPN 无法连接',
  categoryPath: 'network/vpn',
  affectedService: 'VPN',
  workaround: 'Connect to gateway 2',
  keywords: ['连不上'],
};
const PRINTER_FLOOR_3: KnownError = {
  number: 'PRB-000002',
  title: 'Printer paper jam on floor 3',
  categoryPath: 'hardware/printer',
  affectedService: 'Printer 3F',
  workaround: 'Use the printer on floor 2',
};
const OUTLOOK: KnownError = {
  number: 'PRB-000003',
  title: 'Outlook cannot connect to Exchange',
  categoryPath: 'software/email',
  affectedService: 'Exchange',
  workaround: 'Use webmail until the fix',
};
const PAPER_JAM: KnownError = {
  number: 'PRB-000004',
  title: '打印机卡纸',
  categoryPath: 'hardware/printer/paper_jam',
  affectedService: null,
  workaround: null,
};
const BATTERY: KnownError = {
  number: 'PRB-000005',
  title: 'Laptop battery swelling',
  categoryPath: 'hardware',
  affectedService: null,
  workaround: 'Stop using the laptop and bring it to the desk',
};
const KNOWN_ERRORS = [VPN, PRINTER_FLOOR_3, OUTLOOK, PAPER_JAM, BATTERY];

function incident(overrides: Partial<IncidentText>): IncidentText {
  return { title: '', description: '', categoryPath: null, affectedService: null, ...overrides };
}

describe('matchKnownErrors', () => {
  it('matches Chinese words: all four pairs of "VPN 无法连接" are in the report', () => {
    const report = incident({ title: '公司VPN无法连接，提示超时', categoryPath: 'network' });
    expect(matchKnownErrors(report, KNOWN_ERRORS)).toEqual([
      {
        number: 'PRB-000001',
        title: 'VPN 无法连接',
        workaround: 'Connect to gateway 2',
        reasons: ['words'],
        similarity: 1,
        score: 1,
      },
    ]);
  });

  it('matches a keyword the reporter used, and the service whatever its case and spaces', () => {
    const report = incident({ title: 'VPN连不上', description: '在家里', affectedService: ' vpn ' });
    expect(matchKnownErrors(report, KNOWN_ERRORS)).toEqual([
      expect.objectContaining({ number: 'PRB-000001', reasons: ['service', 'words'], similarity: 1, score: 1.5 }),
    ]);
  });

  it("ignores stop words and negations: \"won't connect\" matches \"cannot connect\"", () => {
    const report = incident({
      title: "Outlook won't connect",
      description: 'Exchange says disconnected',
      categoryPath: 'software/email',
      affectedService: 'Outlook',
    });
    // Title terms outlook, connect, exchange (cannot, to are stop words): all three in the report.
    expect(matchKnownErrors(report, KNOWN_ERRORS)).toEqual([
      expect.objectContaining({ number: 'PRB-000003', reasons: ['category', 'words'], similarity: 1, score: 1.25 }),
    ]);
  });

  it('ranks by score: words and category above category and service', () => {
    const report = incident({
      title: '三楼打印机又卡纸了',
      categoryPath: 'hardware/printer/paper_jam',
      affectedService: 'Printer 3F',
    });
    // PRB-000004: 打印 印机 卡纸 of 打印 印机 机卡 卡纸 = 0.75, plus the same category 0.25 = 1.
    // PRB-000002: its category contains the incident's (0.25) and the same service (0.5) = 0.75.
    // PRB-000005: a top-level category is too broad to match a subcategory.
    expect(matchKnownErrors(report, KNOWN_ERRORS)).toEqual([
      {
        number: 'PRB-000004',
        title: '打印机卡纸',
        workaround: null,
        reasons: ['category', 'words'],
        similarity: 0.75,
        score: 1,
      },
      {
        number: 'PRB-000002',
        title: 'Printer paper jam on floor 3',
        workaround: 'Use the printer on floor 2',
        reasons: ['category', 'service'],
        similarity: 0,
        score: 0.75,
      },
    ]);
  });

  describe('the word threshold: half of the title terms, and at least two', () => {
    // Title terms: shared, drive, mapping, lost, after, login (6).
    const MAPPING: KnownError = {
      number: 'PRB-000010',
      title: 'Shared drive mapping lost after login',
      categoryPath: null,
      affectedService: null,
      workaround: 'Run the logon script again',
    };

    it.each<[string, number | null]>([
      ['Mapping lost on the shared drive', 4 / 6],
      ['drive mapping lost', 3 / 6],
      ['Drive mapping missing', null], // 2 of 6
      ['drives', null], // 1 of 6, and fewer than two
    ])('%j → %s', (title, similarity) => {
      const matches = matchKnownErrors(incident({ title }), [MAPPING]);
      expect(matches).toEqual(similarity === null ? [] : [expect.objectContaining({ reasons: ['words'], similarity })]);
    });

    it('a one-term title needs its one term', () => {
      const bitlocker: KnownError = { ...MAPPING, title: 'BitLocker' };
      expect(matchKnownErrors(incident({ description: 'Asks for the BitLocker recovery key' }), [bitlocker])).toEqual([
        expect.objectContaining({ reasons: ['words'], similarity: 1 }),
      ]);
    });

    it('a lone shared word does not match a longer title', () => {
      expect(matchKnownErrors(incident({ title: 'VPN is slow' }), [VPN])).toEqual([]);
    });
  });

  it('orders equal scores by number', () => {
    const first: KnownError = { ...BATTERY, number: 'PRB-000021', affectedService: 'Laptop' };
    const second: KnownError = { ...BATTERY, number: 'PRB-000020', affectedService: 'laptop' };
    const matches = matchKnownErrors(incident({ title: 'Screen flickers', affectedService: 'LAPTOP' }), [first, second]);
    expect(matches.map((match) => [match.number, match.score])).toEqual([
      ['PRB-000020', 0.5],
      ['PRB-000021', 0.5],
    ]);
  });

  it('offers nothing when nothing matches', () => {
    expect(matchKnownErrors(incident({ title: 'Need a new mouse', categoryPath: 'hardware/mouse' }), KNOWN_ERRORS)).toEqual([]);
    expect(matchKnownErrors(incident({ title: 'VPN 无法连接' }), [])).toEqual([]);
  });
});

describe('categoryCovers', () => {
  it.each<[string | null, string | null, boolean]>([
    ['hardware/printer', 'hardware/printer', true],
    ['hardware/printer', 'hardware/printer/paper_jam', true],
    ['hardware/printer/paper_jam', 'hardware/printer', false],
    ['hardware', 'hardware', true],
    ['hardware', 'hardware/printer', false],
    ['hardware/print', 'hardware/printer', false],
    [null, 'hardware', false],
    ['hardware', null, false],
  ])('%j covers %j: %s', (knownError, incidentPath, covers) => {
    expect(categoryCovers(knownError, incidentPath)).toBe(covers);
  });
});

describe('serviceKey', () => {
  it.each<[string | null, string | null]>([
    [' Printer   3F ', 'printer 3f'],
    ['VPN', 'vpn'],
    ['  ', null],
    [null, null],
  ])('%j → %j', (service, key) => {
    expect(serviceKey(service)).toBe(key);
  });
});
