// English catalogue for service requests, the service catalogue and the staff directory.
export const enRequests = {
  'error.no_department_head': "I don't know who heads your department, so nobody could approve this. Ask an admin to add you and your department head to the directory (`/itsm admin import-directory`).",
  'error.not_a_request_approver': 'You are not an approver of this request.',
  'error.admins_only': 'Only admins may do that.',
} as const;
