// Builds the outbox drafts of one record (a change, a service request…), all under its ordering
// key so they arrive in order: its card, timeline lines in the card's thread, direct messages,
// and approval cards (one in the channel, one in each approver's DM), updated in place later.
import type { MessageContent, MessageRef, OutboxDraft } from '../outbox/messages.js';
import { LIMITS, truncate } from './limits.js';

export class RecordDrafts {
  readonly drafts: OutboxDraft[] = [];
  constructor(
    private readonly recordKey: string,
    private readonly channel: string,
  ) {}

  ref(purpose: string): MessageRef {
    return { recordKey: this.recordKey, purpose };
  }

  private add(payload: OutboxDraft['payload']): this {
    this.drafts.push({ orderingKey: this.recordKey, payload });
    return this;
  }

  postCard(content: MessageContent): this {
    return this.add({ operation: 'post', channel: this.channel, content, saveAs: this.ref('card') });
  }

  updateCard(content: MessageContent): this {
    return this.add({ operation: 'update', target: this.ref('card'), content });
  }

  thread(text: string): this {
    return this.add({ operation: 'post', channel: this.channel, thread: this.ref('card'), content: { text: truncate(text, LIMITS.messageText) } });
  }

  dm(userId: string, content: MessageContent, saveAs?: MessageRef): this {
    return this.add({ operation: 'post', channel: userId, content, ...(saveAs ? { saveAs } : {}) });
  }

  update(target: MessageRef, content: MessageContent): this {
    return this.add({ operation: 'update', target, content });
  }

  /** The approval card in the record's channel (no user) or in an approver's DM. */
  postApproval(content: MessageContent, userId?: string): this {
    return this.add({ operation: 'post', channel: userId ?? this.channel, content, saveAs: this.approvalRef(userId) });
  }

  updateApproval(content: MessageContent, userId?: string): this {
    return this.update(this.approvalRef(userId), content);
  }

  private approvalRef(userId?: string): MessageRef {
    return this.ref(userId ? `approval:${userId}` : 'approval');
  }
}
