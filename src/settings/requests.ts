// Settings of service requests, the CMDB and planned maintenance: the service catalogue, where the
// staff directory's CSV file is, and whom overdue maintenance is escalated to.
import { z } from 'zod';
import { catalogueSchema } from '../domain/catalogue.js';
import { slackId } from './slack-ids.js';

export { catalogueSchema };

export const directorySettingsSchema = z.object({
  /**
   * A CSV file of the staff directory (user_id, name, department, email, is_head), imported at
   * start-up whenever its contents differ from the last import of it. Relative to the working directory.
   */
  file: z.string().trim().min(1).nullable().default(null),
});

export const maintenanceSettingsSchema = z.object({
  /** An occurrence not marked done this many hours after it was due is escalated to the owner's team lead. */
  escalateAfterHours: z.number().positive().max(30 * 24).default(24),
  /** Team leads for owners whose department has no other head (or who are not in the directory). */
  leads: z.array(slackId('UW', 'user (U…)')).default([]),
});
