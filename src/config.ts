// The process environment, parsed once. Every problem is reported on its own line, naming the
// variable and what to do, and the process exits with code 2 (see main.ts).
import { z } from 'zod';

export const SLACK_APP_SETUP_HINT = 'see README, "Create the Slack app"';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must look like postgres://USER:PASSWORD@HOST:5432/DATABASE, or be unset to use the embedded database');

const environmentSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: `is not set: paste the app's Bot User OAuth Token (xoxb-…), ${SLACK_APP_SETUP_HINT}` })
    .trim()
    .startsWith('xoxb-', `must be the Bot User OAuth Token, which starts with xoxb-; ${SLACK_APP_SETUP_HINT}`),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    `must be an app-level token (xapp-…) with the connections:write scope, or unset for HTTP mode; ${SLACK_APP_SETUP_HINT}`,
  ),
  SLACK_API_URL: optionalText.pipe(z.url('must be a URL such as http://localhost:4000/api/').optional()),
  PORT: z.coerce
    .number({ error: 'must be a port number such as 3000' })
    .int('must be a whole port number')
    .min(0)
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  DATABASE_URL: optionalText.pipe(postgresUrl.optional()),
  DATA_DIR: z.string().trim().default('data'),
  ITSM_CONFIG: optionalText,
  SERVICE_DESK_CHANNEL: optionalText,
  DEFAULT_LOCALE: optionalText,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** How long a message being delivered stays with its instance before another may retry it. */
  OUTBOX_LEASE_SECONDS: z.coerce.number({ error: 'must be a number of seconds such as 60' }).int('must be whole seconds').min(4, 'must be at least 4').max(3600, 'must be at most 3600').default(60),
});

export type Environment = z.output<typeof environmentSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function parseEnvironment(env: NodeJS.ProcessEnv): Environment {
  const result = environmentSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push(
      `SLACK_SIGNING_SECRET is not set: paste the app's Signing Secret (Basic Information page), or set SLACK_APP_TOKEN for Socket Mode; ${SLACK_APP_SETUP_HINT}`,
    );
  }
  if (!result.success || problems.length > 0) throw new ConfigurationError(problems);
  return result.data;
}
