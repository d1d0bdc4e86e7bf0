import { describe, expect, it } from 'vitest';
import {
  categoryTreeSchema,
  flattenCategories,
  isKnownCategory,
  type CategoryNode,
  type CategoryTree,
} from '../../src/domain/category.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/** A node labelled after its id, with the given child if any. */
function chain(id: string, child?: CategoryNode): CategoryNode {
  return { id, label: label(id.toUpperCase(), `类别${id}`), ...(child ? { children: [child] } : {}) };
}

const TREE: CategoryTree = [
  {
    id: 'hardware',
    label: label('Hardware', '硬件'),
    children: [
      {
        id: 'printer',
        label: label('Printer', '打印机'),
        children: [
          { id: 'paper_jam', label: label('Paper jam', '卡纸') },
          { id: 'other', label: label('Other', '其他') },
        ],
      },
      { id: 'laptop', label: label('Laptop', '笔记本电脑') },
    ],
  },
  { id: 'software', label: label('Software', '软件'), children: [{ id: 'other', label: label('Other', '其他') }] },
];

describe('categoryTreeSchema', () => {
  it('accepts a three-level tree, with the same id under different parents', () => {
    expect(categoryTreeSchema.parse(TREE)).toEqual(TREE);
  });

  it('refuses a fourth level, naming where', () => {
    const tooDeep = [chain('a', chain('b', chain('c', chain('d'))))];
    const result = categoryTreeSchema.safeParse(tooDeep);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        message: 'category "a/b/c" is nested deeper than 3 levels',
        path: [0, 'children', 0, 'children', 0, 'children'],
      }),
    ]);
  });

  it('accepts an empty children list on the third level', () => {
    const tree = [chain('a', chain('b', { ...chain('c'), children: [] }))];
    expect(categoryTreeSchema.safeParse(tree).success).toBe(true);
  });

  it.each([
    ['at the root', [chain('a'), chain('a')], 'duplicate category id "a"', [1, 'id']],
    [
      'among siblings',
      [{ ...chain('a'), children: [chain('x'), chain('x')] }],
      'duplicate category id "a/x"',
      [0, 'children', 1, 'id'],
    ],
  ])('refuses a duplicate id %s', (_where, tree, message, path) => {
    const result = categoryTreeSchema.safeParse(tree);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ message, path })]);
  });

  it.each([
    ['an id with a slash', [{ id: 'a/b', label: label('A', '甲') }]],
    ['an upper-case id', [{ id: 'Hardware', label: label('A', '甲') }]],
    ['an empty id', [{ id: '', label: label('A', '甲') }]],
    ['a missing Chinese label', [{ id: 'a', label: { en: 'A' } }]],
    ['a blank English label', [{ id: 'a', label: label('  ', '甲') }]],
    ['a child that is not a node', [{ id: 'a', label: label('A', '甲'), children: ['b'] }]],
  ])('refuses %s', (_label, tree) => {
    expect(categoryTreeSchema.safeParse(tree).success).toBe(false);
  });
});

describe('flattenCategories', () => {
  it('lists every category, parents first, with labels from the root', () => {
    expect(flattenCategories(TREE)).toEqual([
      { path: 'hardware', labels: { en: ['Hardware'], 'zh-CN': ['硬件'] } },
      { path: 'hardware/printer', labels: { en: ['Hardware', 'Printer'], 'zh-CN': ['硬件', '打印机'] } },
      {
        path: 'hardware/printer/paper_jam',
        labels: { en: ['Hardware', 'Printer', 'Paper jam'], 'zh-CN': ['硬件', '打印机', '卡纸'] },
      },
      {
        path: 'hardware/printer/other',
        labels: { en: ['Hardware', 'Printer', 'Other'], 'zh-CN': ['硬件', '打印机', '其他'] },
      },
      { path: 'hardware/laptop', labels: { en: ['Hardware', 'Laptop'], 'zh-CN': ['硬件', '笔记本电脑'] } },
      { path: 'software', labels: { en: ['Software'], 'zh-CN': ['软件'] } },
      { path: 'software/other', labels: { en: ['Software', 'Other'], 'zh-CN': ['软件', '其他'] } },
    ]);
  });

  it('gives nothing for an empty tree', () => {
    expect(flattenCategories([])).toEqual([]);
  });
});

describe('isKnownCategory', () => {
  it.each([
    ['hardware', true],
    ['hardware/printer', true],
    ['hardware/printer/paper_jam', true],
    ['software/other', true],
    ['hardware/other', false],
    ['printer', false],
    ['hardware/printer/paper_jam/more', false],
    ['hardware/', false],
    ['/hardware', false],
    ['', false],
  ])('%j → %s', (path, known) => {
    expect(isKnownCategory(TREE, path)).toBe(known);
  });
});
