// Slack's documented Block Kit limits, checked on every message, modal and Home view the bot
// sends to the fake Slack (which answers `invalid_blocks` like Slack does when one is broken).
type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string => (isRecord(value) && typeof value.text === 'string' ? value.text : '');
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const BLOCKS_PER_SURFACE = { message: 50, modal: 100, home: 100 } as const;

/** Which surface a Web API call carries blocks for, and the blocks. */
function surfaceOf(method: string, args: Json): { kind: keyof typeof BLOCKS_PER_SURFACE; blocks: unknown[]; view?: Json } | null {
  if (['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'].includes(method) && args.blocks !== undefined) {
    return { kind: 'message', blocks: arrayOf(args.blocks) };
  }
  if (['views.open', 'views.push', 'views.update', 'views.publish'].includes(method) && isRecord(args.view)) {
    return { kind: args.view.type === 'home' ? 'home' : 'modal', blocks: arrayOf(args.view.blocks), view: args.view };
  }
  return null;
}

export function blockKitViolations(method: string, args: Json): string[] {
  const surface = surfaceOf(method, args);
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(`${method}: ${problem}`);
  };
  if (typeof args.text === 'string') check(args.text.length <= 40_000, 'text over 40000 characters');
  if (!surface) return problems;
  check(surface.blocks.length <= BLOCKS_PER_SURFACE[surface.kind], `more than ${BLOCKS_PER_SURFACE[surface.kind]} blocks`);
  if (surface.view) {
    check(textOf(surface.view.title).length <= 24, 'modal title over 24 characters');
    check(textOf(surface.view.submit).length <= 24, 'modal submit over 24 characters');
    check(String(surface.view.private_metadata ?? '').length <= 3000, 'private_metadata over 3000 characters');
  }
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const block of surface.blocks) {
    if (!isRecord(block)) {
      check(false, 'a block that is not an object');
      continue;
    }
    if (typeof block.block_id === 'string') {
      check(block.block_id.length <= 255 && !blockIds.has(block.block_id), `block_id "${block.block_id}" repeated or too long`);
      blockIds.add(block.block_id);
    }
    problems.push(...blockProblems(block, actionIds).map((problem) => `${method}: ${problem}`));
  }
  return problems;
}

function blockProblems(block: Json, actionIds: Set<string>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(`${String(block.type)} block: ${problem}`);
  };
  switch (block.type) {
    case 'header':
      check(textOf(block.text).length <= 150, 'header over 150 characters');
      break;
    case 'section':
      check(textOf(block.text).length <= 3000, 'text over 3000 characters');
      check(arrayOf(block.fields).length <= 10, 'more than 10 fields');
      for (const field of arrayOf(block.fields)) check(textOf(field).length <= 2000, 'a field over 2000 characters');
      break;
    case 'context':
      check(arrayOf(block.elements).length <= 10, 'more than 10 elements');
      break;
    case 'actions':
      check(arrayOf(block.elements).length <= 25, 'more than 25 elements');
      break;
    case 'input':
      check(textOf(block.label).length <= 2000, 'label over 2000 characters');
      break;
  }
  const elements = [...arrayOf(block.elements), ...(isRecord(block.element) ? [block.element] : []), ...(isRecord(block.accessory) ? [block.accessory] : [])];
  for (const element of elements.filter(isRecord)) {
    const actionId = element.action_id;
    if (typeof actionId === 'string') {
      check(actionId.length <= 255 && !actionIds.has(actionId), `action_id "${actionId}" repeated or too long`);
      actionIds.add(actionId);
    }
    if (element.type === 'button') {
      check(textOf(element.text).length <= 75, 'button text over 75 characters');
      check(String(element.value ?? '').length <= 2000, 'button value over 2000 characters');
    }
    const options = arrayOf(element.options);
    check(options.length <= 100, 'more than 100 options');
    for (const option of options) check(textOf(isRecord(option) ? option.text : undefined).length <= 75, 'an option text over 75 characters');
  }
  return problems;
}
