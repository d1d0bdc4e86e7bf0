import type { Actor } from '../domain/roles.js';
import type { Locale } from '../i18n/index.js';

/** The person behind a Slack interaction: who, which roles, which language. */
export interface RequestActor extends Actor {
  locale: Locale;
}

/** Told after a transaction that enqueued outbox messages has committed (wakes the worker). */
export type AfterCommit = () => void;
