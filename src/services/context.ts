import type { Actor } from '../domain/roles.js';
import type { Locale } from '../i18n/index.js';

/** The person behind a Slack interaction: who, which roles, which language. */
export interface RequestActor extends Actor {
  locale: Locale;
}

/**
 * Told after a transaction that made outbox messages due without enqueueing them (dead letters sent
 * again) has committed. Messages enqueued go to the worker at the commit (Database.receiveOutbox).
 */
export type AfterCommit = () => void;
