import { pino, type DestinationStream, type Logger } from 'pino';

/** JSON logs on stdout (or `destination`); secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: ['token', '*.token', 'botToken', 'signingSecret', 'appToken', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
