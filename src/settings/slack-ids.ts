// Slack ids in the settings file: channels (C…, G…, D…), users (U…, W…), user groups (S…).
import { z } from 'zod';

export const slackId = (prefixes: string, what: string) => z.string().regex(new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`), `must be a Slack ${what} id`);

export const channelIdSchema = slackId('CGD', 'channel (C…)');
