// Classification (分类): a tree of at most three levels, e.g. Hardware › Printer › Paper jam.
// A category is identified by its path, the ids from the root joined by '/'.
import { z } from 'zod';

export const MAX_CATEGORY_DEPTH = 3;
export const CATEGORY_PATH_SEPARATOR = '/';

export interface CategoryLabel {
  readonly en: string;
  readonly 'zh-CN': string;
}

export interface CategoryNode {
  readonly id: string;
  readonly label: CategoryLabel;
  readonly children?: readonly CategoryNode[] | undefined;
}

export type CategoryTree = readonly CategoryNode[];

export interface CategoryOption {
  readonly path: string;
  readonly labels: { readonly en: readonly string[]; readonly 'zh-CN': readonly string[] };
}

const categoryLabelSchema = z.object({
  en: z.string().trim().min(1),
  'zh-CN': z.string().trim().min(1),
});

const categoryNodeSchema: z.ZodType<CategoryNode> = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "_" or "-" (it becomes part of a path)'),
  label: categoryLabelSchema,
  get children() {
    return z.array(categoryNodeSchema).optional();
  },
});

// Ids need only be unique among siblings: paths stay unique, and "other" may appear under many parents.
export const categoryTreeSchema = z.array(categoryNodeSchema).superRefine((tree, context) => {
  for (const problem of treeProblems(tree, [])) context.addIssue({ code: 'custom', ...problem });
});

interface TreeProblem {
  message: string;
  path: (string | number)[];
}

function treeProblems(nodes: CategoryTree, parentIds: readonly string[]): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const seen = new Set<string>();
  nodes.forEach((node, index) => {
    const ids = [...parentIds, node.id];
    const path = ids.join(CATEGORY_PATH_SEPARATOR);
    if (seen.has(node.id)) problems.push({ message: `duplicate category id "${path}"`, path: [index, 'id'] });
    seen.add(node.id);
    const children = node.children ?? [];
    if (children.length > 0 && ids.length >= MAX_CATEGORY_DEPTH) {
      const message = `category "${path}" is nested deeper than ${MAX_CATEGORY_DEPTH} levels`;
      problems.push({ message, path: [index, 'children'] });
      return;
    }
    for (const problem of treeProblems(children, ids)) {
      problems.push({ ...problem, path: [index, 'children', ...problem.path] });
    }
  });
  return problems;
}

/** Every category, parents before their children, as options for a select menu. */
export function flattenCategories(tree: CategoryTree): CategoryOption[] {
  return flattenUnder(tree, [], []);
}

function flattenUnder(nodes: CategoryTree, parentIds: string[], parentLabels: CategoryLabel[]): CategoryOption[] {
  return nodes.flatMap((node) => {
    const ids = [...parentIds, node.id];
    const labels = [...parentLabels, node.label];
    const option: CategoryOption = {
      path: ids.join(CATEGORY_PATH_SEPARATOR),
      labels: { en: labels.map((label) => label.en), 'zh-CN': labels.map((label) => label['zh-CN']) },
    };
    return [option, ...flattenUnder(node.children ?? [], ids, labels)];
  });
}

export function isKnownCategory(tree: CategoryTree, path: string): boolean {
  let level: CategoryTree = tree;
  let found: CategoryNode | undefined;
  for (const id of path.split(CATEGORY_PATH_SEPARATOR)) {
    found = level.find((node) => node.id === id);
    if (!found) return false;
    level = found.children ?? [];
  }
  return found !== undefined;
}
