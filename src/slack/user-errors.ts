// The one place that turns an error into what the user reads: domain errors in their own words,
// anything else as a short apology with a reference that is also in the log. No stack traces.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { isBusyError } from '../db/work-queue.js';
import { isDomainError } from '../domain/errors.js';
import { isMessageKey, type Translate } from '../i18n/index.js';

export function userMessageFor(error: unknown, t: Translate, logger: Logger): string {
  if (isDomainError(error)) {
    const key = `error.${error.code}`;
    const params = { ...error.params };
    // Names the user knows rather than ids: "Resolved" for a state, "Second line" for a team.
    const stateKey = `state.${String(params.state)}`;
    if (isMessageKey(stateKey)) params.state = t(stateKey);
    const teamKey = `tier.${String(params.team)}`;
    if (isMessageKey(teamKey)) params.team = t(teamKey);
    return isMessageKey(key) ? t(key, params) : t('error.generic', { reference: error.code });
  }
  if (isBusyError(error)) return t('error.busy');
  const reference = randomBytes(4).toString('hex');
  logger.error({ err: error, reference }, 'request failed');
  return t('error.generic', { reference });
}

