import englishMessages from 'ra-language-english';

export const en = {
  ...englishMessages,
  app: {
    title: 'Pasar back office',
    language: 'Language',
    dashboard: {
      welcome: 'Welcome, %{name}',
      role: 'You are signed in as %{role}.',
      queues_later: 'Your work queues appear in the menu as they open for your role.',
      system: 'System',
      database: 'Database',
      reachable: 'reachable',
      unreachable: 'unreachable',
      outbox_pending: 'Notifications waiting to be sent',
      outbox_failed: 'Notifications that failed',
      server_time: 'Server time',
    },
  },
  roles: { admin: 'Admin', support: 'Support', trust_safety: 'Trust & safety', finance: 'Finance' },
  resources: {
    'audit-log': {
      name: 'Audit log |||| Audit log',
      fields: {
        id: 'ID', at: 'When', actorType: 'Actor type', actorName: 'Who', actorRole: 'Role', action: 'Action',
        subjectType: 'Subject', subjectId: 'Subject id', reason: 'Reason', before: 'Before', after: 'After', requestId: 'Request id',
        q: 'Search', since: 'Since', until: 'Until',
      },
    },
    'my-activity': {
      name: 'My activity |||| My activity',
      fields: { at: 'When', action: 'Action', subjectType: 'Subject', subjectId: 'Subject id', reason: 'Reason', before: 'Before', after: 'After' },
    },
    settings: {
      name: 'Policy setting |||| Policy settings',
      fields: {
        id: 'Setting', value: 'Value', default: 'Default', type: 'Type', rule: 'Rule', description: 'Description',
        changedAt: 'Changed', changedBy: 'Changed by', lastReason: 'Last reason', reason: 'Reason for the change', q: 'Search',
      },
      help: { date_list: 'One date per line, YYYY-MM-DD', applies: 'A change applies to cases opened after it and is recorded in the audit log.' },
    },
    outbox: {
      name: 'Outbox message |||| Outbox',
      fields: { id: 'ID', kind: 'Kind', to: 'To', subject: 'Subject', text: 'Text', createdAt: 'Created', status: 'Status', attempts: 'Attempts', sentAt: 'Sent', lastError: 'Last error', q: 'Search' },
    },
    staff: {
      name: 'Staff member |||| Staff',
      fields: { id: 'ID', email: 'Email', name: 'Name', role: 'Role', active: 'Active', createdAt: 'Created', lastLoginAt: 'Last login', password: 'Password', reason: 'Reason for the change', q: 'Search' },
    },
  },
};
