// English catalogue. Keys are grouped by where the text appears; zh-CN.ts must have every key.
export const en = {
  'help.title': 'IT service desk commands',
  'help.body':
    '• `/incident <what is wrong>` report an incident in one line\n' +
    '• `/incident` report an incident with the full form\n' +
    '• `/request` ask for a service\n' +
    '• `/problem` record a problem\n' +
    '• `/change` raise a change\n' +
    '• `/oncall` see who is on call\n' +
    '• `/itsm help` this list; `/itsm admin` settings (admins)\n' +
    'You can also use *Report an incident* from the ⋯ menu of any message.',
  'command.unknown': "Sorry, I don't know `{command} {text}`. Try `/itsm help` for the list of commands.",
  'command.not_yet': '`{command}` is not available yet. Try `/itsm help` for what you can do today.',

  'error.generic': 'Something went wrong and nothing was changed. Please try again; if it keeps happening, tell the service desk (reference {reference}).',
  'error.not_allowed': "You're not allowed to do that on this ticket.",
  'error.transition_not_allowed': "That can't be done while the ticket is {state}.",
  'error.record_closed': '{number} is closed and can no longer be changed.',
  'error.not_found': "I couldn't find {number}.",
  'error.invalid_input': 'That input is not valid.',
  'error.reason_required': 'Please give a reason.',
  'error.text_required': 'Please write something.',
  'error.already_done': 'That has already been done.',
  'error.duplicate_of_self': 'A ticket cannot be a duplicate of itself.',
  'error.tier_not_higher': 'The ticket is already at that support line or higher.',

  'incident.modal.title': 'Report an incident',
  'incident.modal.submit': 'Report',
  'incident.modal.cancel': 'Cancel',
  'incident.field.title': 'Title',
  'incident.field.title.hint': 'What is not working, in a few words',
  'incident.field.description': 'Description',
  'incident.field.description.hint': 'What happened, since when, who is affected',
  'incident.field.impact': 'Impact',
  'incident.field.urgency': 'Urgency',
  'incident.field.category': 'Category',
  'incident.field.category.placeholder': 'Choose a category',
  'incident.field.security': 'Security',
  'incident.field.security.option': 'This is an information-security incident',
  'incident.validation.title_required': 'Please give the incident a title.',
  'incident.validation.title_too_long': 'Keep the title under {max} characters.',
  'incident.validation.description_too_long': 'Keep the description under {max} characters.',
  'incident.validation.choose_one': 'Please choose one.',
  'incident.validation.unknown_category': 'Please choose a category from the list.',

  'incident.reported': '{number} recorded: *{title}* (priority {priority}). The service desk has it; you will hear from us here.',
  'incident.card.fallback': '{number} {title} ({priority}, {state})',
  'incident.card.priority': 'Priority',
  'incident.card.state': 'State',
  'incident.card.assignee': 'Assignee',
  'incident.card.category': 'Category',
  'incident.card.reporter': 'Reporter',
  'incident.card.source': 'Reported via',
  'incident.card.opened': 'Opened {time}',
  'incident.card.unassigned': 'Unassigned',
  'incident.card.uncategorised': 'Not classified',
  'incident.card.security': ':lock: Security incident',

  'impact.very_high': 'Very high: the whole organisation or a critical service',
  'impact.high': 'High: a department or many users',
  'impact.medium': 'Medium: a few users',
  'impact.low': 'Low: one user',
  'urgency.critical': 'Critical: work has stopped',
  'urgency.high': 'High: work is seriously hindered',
  'urgency.medium': 'Medium: work goes on with difficulty',
  'urgency.low': 'Low: an inconvenience',
  'priority.P1': 'P1 critical',
  'priority.P2': 'P2 high',
  'priority.P3': 'P3 medium',
  'priority.P4': 'P4 low',
  'state.new': 'New',
  'state.in_progress': 'In progress',
  'state.on_hold': 'On hold',
  'state.resolved': 'Resolved',
  'state.closed': 'Closed',
  'source.slash_command': 'slash command',
  'source.modal': 'form',
  'source.message_shortcut': 'message shortcut',
  'source.app_home': 'App Home',
} as const;

export type MessageKey = keyof typeof en;
