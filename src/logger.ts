import { pino, type Logger } from 'pino';

/** JSON logs on stdout; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['token', '*.token', 'botToken', 'signingSecret', 'appToken', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
