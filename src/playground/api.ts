// The playground page's requests to its server, validated with zod at the boundary.
import { z } from 'zod';
import { selectionSchema, selectionsSchema } from './element-values.js';

const id = z.string().min(1).max(100);
const person = { as: id };

const actionSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), channel: id, ts: id }),
  z.object({ kind: z.literal('ephemeral'), id }),
  z.object({ kind: z.literal('view'), viewId: id }),
]);

export const apiRequests = {
  command: z.object({ ...person, channel: id, text: z.string().min(1).max(4000) }),
  message: z.object({ ...person, channel: id, text: z.string().trim().min(1).max(4000), threadTs: id.nullable().default(null) }),
  action: z.object({ ...person, source: actionSource, blockId: z.string().max(255), actionId: z.string().max(255), selection: selectionSchema.default({}), selections: selectionsSchema.optional() }),
  submit: z.object({ ...person, viewId: id, selections: selectionsSchema }),
  close: z.object({ ...person, viewId: id, selections: selectionsSchema.default({}) }),
  shortcut: z.object({ ...person, channel: id, ts: id, callbackId: id }),
  home: z.object(person),
  suggest: z.object({ ...person, source: actionSource, blockId: z.string().max(255), actionId: z.string().max(255), value: z.string().max(200) }),
  clock: z.object({ minutes: z.number().int().min(1).max(60 * 24 * 31) }),
};

export type ApiName = keyof typeof apiRequests;
export type ApiRequest<Name extends ApiName> = z.input<(typeof apiRequests)[Name]>;
