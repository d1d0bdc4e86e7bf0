import { ErrorCode } from '@slack/web-api';

/** What to do after a failed delivery: try again (after `retryAfterMs` when Slack said so), or give up. */
export type DeliveryVerdict = { retry: true; retryAfterMs?: number } | { retry: false };

const RETRYABLE_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered HTTP ${status}`);
  }
}

/** A message that can never be delivered (e.g. files for a message that was not): no retry. */
export class UndeliverableError extends Error {}

export function classifyDeliveryError(error: unknown): DeliveryVerdict {
  if (error instanceof UndeliverableError) return { retry: false };
  if (error instanceof ResponseUrlError) return { retry: error.status >= 500 || error.status === 429 };
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case ErrorCode.RateLimitedError:
      return { retry: true, retryAfterMs: (error as { retryAfter: number }).retryAfter * 1000 };
    case ErrorCode.RequestError:
      return { retry: true };
    case ErrorCode.HTTPError:
      return { retry: (error as { statusCode: number }).statusCode >= 500 };
    case ErrorCode.PlatformError:
      return { retry: RETRYABLE_PLATFORM_ERRORS.has((error as { data: { error: string } }).data.error) };
    default:
      return { retry: true };
  }
}

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt n up to base·2ⁿ⁻¹, capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
