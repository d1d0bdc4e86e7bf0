import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  candidateKey,
  findProblemCandidates,
  parseCandidateKey,
  type ProblemCandidate,
  type TrendIncident,
} from '../../src/domain/trends.js';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function hoursAgo(hours: number, from: Date = NOW): Date {
  return new Date(from.getTime() - hours * HOUR_MS);
}

function incident(
  sequence: number,
  openedAt: Date,
  categoryPath: string | null,
  affectedService: string | null = null,
  problemNumber: string | null = null,
): TrendIncident {
  return { number: `INC-${String(sequence).padStart(6, '0')}`, openedAt, categoryPath, affectedService, problemNumber };
}

const PRINTER = 'hardware/printer';

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

describe('findProblemCandidates', () => {
  it('proposes three incidents of one category within a week, oldest first', () => {
    const incidents = [
      incident(3, hoursAgo(1), PRINTER),
      incident(1, hoursAgo(100), PRINTER),
      incident(2, hoursAgo(50), PRINTER),
      incident(4, hoursAgo(2), 'network/vpn'),
    ];
    expect(findProblemCandidates(incidents, NOW)).toEqual([
      {
        key: 'category:hardware/printer:INC-000001,INC-000002,INC-000003',
        groupBy: 'category',
        value: PRINTER,
        incidents: ['INC-000001', 'INC-000002', 'INC-000003'],
      },
    ]);
  });

  it('proposes nothing for two incidents', () => {
    expect(findProblemCandidates([incident(1, hoursAgo(3), PRINTER), incident(2, hoursAgo(2), PRINTER)], NOW)).toEqual([]);
  });

  it('leaves out incidents a problem already covers', () => {
    const incidents = [
      incident(1, hoursAgo(3), PRINTER),
      incident(2, hoursAgo(2), PRINTER),
      incident(3, hoursAgo(1), PRINTER, null, 'PRB-000001'),
    ];
    expect(findProblemCandidates(incidents, NOW)).toEqual([]);
  });

  it('counts the window as the last 7 × 24 hours: exactly 7 days ago is out, and so is the future', () => {
    const atEdge = [
      incident(1, new Date(NOW.getTime() - 7 * DAY_MS), PRINTER),
      incident(2, hoursAgo(2), PRINTER),
      incident(3, hoursAgo(1), PRINTER),
    ];
    expect(findProblemCandidates(atEdge, NOW)).toEqual([]);
    const justInside = [...atEdge, incident(4, new Date(NOW.getTime() - 7 * DAY_MS + 1), PRINTER)];
    expect(findProblemCandidates(justInside, NOW).map((candidate) => candidate.incidents)).toEqual([
      ['INC-000004', 'INC-000002', 'INC-000003'],
    ]);
    const future = [...atEdge, incident(5, new Date(NOW.getTime() + 1), PRINTER)];
    expect(findProblemCandidates(future, NOW)).toEqual([]);
    const now = [...atEdge, incident(6, NOW, PRINTER)];
    expect(findProblemCandidates(now, NOW)).toHaveLength(1);
  });

  it('groups services whatever their case and spaces', () => {
    const incidents = [
      incident(1, hoursAgo(3), 'network/vpn', 'VPN'),
      incident(2, hoursAgo(2), 'network/remote', ' vpn'),
      incident(3, hoursAgo(1), null, 'Vpn '),
    ];
    expect(findProblemCandidates(incidents, NOW)).toEqual([
      {
        key: 'service:vpn:INC-000001,INC-000002,INC-000003',
        groupBy: 'service',
        value: 'vpn',
        incidents: ['INC-000001', 'INC-000002', 'INC-000003'],
      },
    ]);
  });

  it('proposes each grouping that reaches the count: categories first, then services, each in value order', () => {
    const incidents = [
      incident(1, hoursAgo(6), PRINTER, 'Printer 3F'),
      incident(2, hoursAgo(5), PRINTER, 'Printer 3F'),
      incident(3, hoursAgo(4), PRINTER, 'Printer 3F'),
      incident(4, hoursAgo(3), 'network/vpn', 'VPN'),
      incident(5, hoursAgo(2), 'network/vpn', 'VPN'),
      incident(6, hoursAgo(1), 'network/vpn', 'Mail'),
    ];
    expect(findProblemCandidates(incidents, NOW).map((candidate) => candidate.key)).toEqual([
      'category:hardware/printer:INC-000001,INC-000002,INC-000003',
      'category:network/vpn:INC-000004,INC-000005,INC-000006',
      'service:printer 3f:INC-000001,INC-000002,INC-000003',
    ]);
  });

  it('takes other thresholds', () => {
    const incidents = [incident(1, hoursAgo(30), PRINTER), incident(2, hoursAgo(20), PRINTER), incident(3, hoursAgo(10), PRINTER)];
    expect(findProblemCandidates(incidents, NOW, { minIncidents: 2, windowDays: 1 }).map((c) => c.incidents)).toEqual([
      ['INC-000002', 'INC-000003'],
    ]);
    expect(findProblemCandidates(incidents, NOW, { minIncidents: 4 })).toEqual([]);
  });

  it.each<[string, object, string, number]>([
    ['one incident', { minIncidents: 1 }, 'minIncidents', 1],
    ['a fraction', { minIncidents: 2.5 }, 'minIncidents', 2.5],
    ['no window', { windowDays: 0 }, 'windowDays', 0],
  ])('refuses %s', (_label, options, field, value) => {
    expect(refusalOf(() => findProblemCandidates([], NOW, options))).toEqual({ code: 'invalid_input', params: { field, value } });
  });
});

describe('each cluster is proposed once', () => {
  const first = [incident(1, hoursAgo(50), PRINTER), incident(2, hoursAgo(40), PRINTER), incident(3, hoursAgo(30), PRINTER)];
  const proposedKey = 'category:hardware/printer:INC-000001,INC-000002,INC-000003';

  function propose(incidents: readonly TrendIncident[], now: Date, proposed: readonly string[]): ProblemCandidate[] {
    return findProblemCandidates(incidents, now, {}, new Set(proposed));
  }

  it('does not propose a cluster whose key was proposed', () => {
    expect(propose(first, NOW, [])).toHaveLength(1);
    expect(propose(first, NOW, [proposedKey])).toEqual([]);
  });

  it('does not propose again when a fourth incident joins the cluster', () => {
    const later = new Date(NOW.getTime() + DAY_MS);
    const grown = [...first, incident(4, hoursAgo(1, later), PRINTER)];
    expect(propose(grown, later, [])[0]?.key).toBe('category:hardware/printer:INC-000001,INC-000002,INC-000003,INC-000004');
    expect(propose(grown, later, [proposedKey])).toEqual([]);
  });

  it('does not propose again while the window still holds one of the proposed incidents', () => {
    // 132 hours on, INC-000001 (182 h old) and INC-000002 (172 h) have left the window; INC-000003 (162 h) has not.
    const later = new Date(NOW.getTime() + 132 * HOUR_MS);
    const sliding = [...first, incident(4, hoursAgo(2, later), PRINTER), incident(5, hoursAgo(1, later), PRINTER)];
    expect(propose(sliding, later, [])[0]?.incidents).toEqual(['INC-000003', 'INC-000004', 'INC-000005']);
    expect(propose(sliding, later, [proposedKey])).toEqual([]);
  });

  it('proposes a new cluster after the window, sharing no incident with the proposed one', () => {
    const later = new Date(NOW.getTime() + 10 * DAY_MS);
    const incidents = [
      ...first,
      incident(4, hoursAgo(3, later), PRINTER),
      incident(5, hoursAgo(2, later), PRINTER),
      incident(6, hoursAgo(1, later), PRINTER),
    ];
    expect(propose(incidents, later, [proposedKey])).toEqual([
      {
        key: 'category:hardware/printer:INC-000004,INC-000005,INC-000006',
        groupBy: 'category',
        value: PRINTER,
        incidents: ['INC-000004', 'INC-000005', 'INC-000006'],
      },
    ]);
  });

  it('keeps groupings apart: a proposed service cluster does not hide a category cluster', () => {
    const withService = first.map((one) => ({ ...one, affectedService: 'Printer 3F' }));
    const serviceKey = 'service:printer 3f:INC-000001,INC-000002,INC-000003';
    expect(propose(withService, NOW, [serviceKey]).map((candidate) => candidate.key)).toEqual([proposedKey]);
  });

  it('keeps values apart: a proposed printer cluster does not hide a VPN cluster of other incidents', () => {
    const vpn = [incident(7, hoursAgo(3), 'network/vpn'), incident(8, hoursAgo(2), 'network/vpn'), incident(9, hoursAgo(1), 'network/vpn')];
    expect(propose([...first, ...vpn], NOW, [proposedKey]).map((candidate) => candidate.value)).toEqual(['network/vpn']);
  });

  it('ignores stored keys it cannot read', () => {
    expect(propose(first, NOW, ['', 'nonsense', 'category:hardware/printer:'])).toHaveLength(1);
  });
});

describe('candidate keys', () => {
  it('read back what they were made from, also when the value holds a colon', () => {
    const key = candidateKey('service', 'mail:prod', ['INC-000001', 'INC-000002']);
    expect(key).toBe('service:mail:prod:INC-000001,INC-000002');
    expect(parseCandidateKey(key)).toEqual({ key, groupBy: 'service', value: 'mail:prod', incidents: ['INC-000001', 'INC-000002'] });
  });

  it.each(['', 'category', 'category:INC-000001', 'owner:x:INC-000001', 'category::INC-000001', 'service:vpn:'])(
    '%j is not a key',
    (key) => {
      expect(parseCandidateKey(key)).toBeNull();
    },
  );
});
