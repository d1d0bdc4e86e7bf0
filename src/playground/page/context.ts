// What the renderers need to know besides the blocks: names for ids, and the reader's time zone.
export interface RenderContext {
  /** Display names by user id. */
  people: ReadonlyMap<string, string>;
  /** Channel names by channel id. */
  channels: ReadonlyMap<string, string>;
  /** The reader's time zone (IANA), for dates. */
  timeZone: string;
  now: Date;
}

export function displayName(context: RenderContext, userId: string): string {
  return context.people.get(userId) ?? userId;
}
