import englishMessages from 'ra-language-english';

export const en = {
  ...englishMessages,
  app: {
    action: { done: 'Done', confirm: 'Confirm', claim: 'Claim' },
    title: 'Pasar back office',
    language: 'Language',
    dashboard: {
      welcome: 'Welcome, %{name}',
      role: 'You are signed in as %{role}.',
      queues_later: 'Your work queues appear in the menu as they open for your role.',
      support_queue: 'Support queue',
      refunds_open: 'Refund requests: %{open} open, %{overdue} overdue',
      escalations_open: 'Escalated cancellations: %{open} open, %{overdue} overdue',
      trial_balance: 'Trial balance',
      ledger_ok: 'Ledger balanced: postings sum to zero, no account below zero (%{entries} entries).',
      ledger_broken: 'LEDGER OUT OF BALANCE: postings sum to %{sum}, or an account is below zero.',
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
    'support-cases': {
      name: 'Refunds |||| Refunds',
      assigned_to_me: 'Me',
      status: { open: 'Open', approved: 'Approved', partially_approved: 'Approved in part', rejected: 'Rejected', decided: 'Decided' },
      type: { refund: 'Refund request', escalation: 'Escalated cancellation' },
      kind: { order: 'Order refund', credit_to_source: 'Credit to card', duplicate_charge: 'Duplicate charge', escalated_cancellation: 'Escalated cancellation' },
      fields: { slaDueAt: 'Due', kind: 'Case', partyName: 'Filed by', orderTitle: 'Order', amount: 'Amount', status: 'Status', assignedName: 'Assigned to', assignedTo: 'Assigned to', createdAt: 'Filed', q: 'Search', type: 'Type', overdue: 'Overdue only' },
    },
    'refund-requests': {
      name: 'Refund |||| Refunds',
      assigned_to_me: 'Me',
      buyer: 'Buyer', seller: 'Seller',
      history: '%{orders} orders, %{cancelled} cancelled, %{refunds} refund requests, %{escalations} escalations, %{disputes} disputes, %{warnings} warnings',
      preview: 'Approving %{amount} from %{from} to %{destination}: payment fee %{paymentFee}, marketplace fee %{marketplaceFee}, paid out %{net}.',
      no_evidence: 'No evidence attached.',
      status: { open: 'Open', approved: 'Approved', partially_approved: 'Approved in part', rejected: 'Rejected' },
      kind: { order: 'Order refund', credit_to_source: 'Credit to card', duplicate_charge: 'Duplicate charge' },
      action: { approve_full: 'Approve in full', approve_part: 'Approve in part', reject: 'Reject' },
      fields: {
        id: 'ID', kind: 'Kind', status: 'Status', slaDueAt: 'Due', buyerName: 'Buyer', orderTitle: 'Order', amount: 'Requested', destination: 'To',
        reason: 'Reason', message: 'Message', assignedName: 'Assigned to', assignedTo: 'Assigned to', createdAt: 'Filed', evidence: 'Evidence', overdue: 'Overdue only',
        approvedAmount: 'Approved', paidOut: 'Paid out', decisionReason: 'Decision reason', decidedAt: 'Decided', q: 'Search',
        reason_for_decision: 'Reason (both parties read it)', approved_amount: 'Amount to approve (Rp)',
      },
    },
    escalations: {
      name: 'Escalation |||| Escalations',
      preview: 'This posts: %{buyer} to the buyer\'s credit, %{seller} to the seller, %{commission} commission.',
      preview_continue: 'Nothing moves: the order goes on.',
      amount_helper: 'Only for a partial credit: what the buyer gets back; the rest goes to the seller.',
      outcome: { cancel_full: 'Cancel, full credit to the buyer', cancel_partial: 'Cancel, partial credit', continue: 'Continue the order' },
      action: { decide: 'Decide' },
      fields: {
        id: 'ID', slaDueAt: 'Due', orderTitle: 'Order', requesterRole: 'Asked by', requestReason: 'Reason', requestMessage: 'Request', declineAnswer: 'Declined with',
        statement: 'Escalation statement', escrow: 'In escrow', outcome: 'Outcome', buyerCredit: 'Buyer credit (Rp)', decisionReason: 'Decision reason', orderTotal: 'Order total',
        assignedName: 'Assigned to', status: 'Status', overdue: 'Overdue only',
      },
    },
    users: {
      name: 'User |||| Users',
      balances: 'Balances',
      status: { pending_activation: 'Pending activation', active: 'Active', suspended: 'Suspended', blocked: 'Blocked', deactivated: 'Deactivated' },
      fields: {
        id: 'ID', name: 'Name', email: 'Email', username: 'Username', status: 'Status', isSeller: 'Seller', sellerLevel: 'Level',
        credit: 'Credit', pending: 'Pending', available: 'Available', withdrawing: 'Withdrawing', held: 'Held',
        orderCount: 'Orders', disputeCount: 'Disputes', createdAt: 'Registered', activatedAt: 'Activated', deactivationReason: 'Deactivation reason',
        sellerApplication: 'Seller application', orders: 'Orders', q: 'Search',
      },
    },
    orders: {
      name: 'Order |||| Orders',
      status: { awaiting_payment: 'Awaiting payment', in_progress: 'In progress', delivered: 'Delivered', completed: 'Completed', cancelled: 'Cancelled' },
      tabs: { summary: 'Summary', timeline: 'Timeline' },
      timeline: { event: 'Event', message: 'Message', delivery: 'Delivery', posting: 'Posting' },
      fields: {
        id: 'ID', title: 'Title', status: 'Status', buyerName: 'Buyer', sellerName: 'Seller', buyer: 'Buyer', seller: 'Seller', total: 'Total',
        createdAt: 'Placed', dueAt: 'Due', completedAt: 'Completed', commissionBp: 'Commission (basis points)', revisions: 'Revisions used',
        milestones: 'Milestones', reviews: 'Reviews', seq: '#', amount: 'Amount', releasedAt: 'Released', authorRole: 'By', stars: 'Stars', text: 'Text',
        q: 'Search', userId: 'User id',
      },
    },
    'ledger-entries': {
      name: 'Ledger entry |||| Ledger',
      fields: { id: 'ID', at: 'When', kind: 'Kind', memo: 'Memo', reference: 'Reference', orderId: 'Order', userId: 'User id', postings: 'Postings', account: 'Account', amount: 'Amount', reversesEntryId: 'Reverses entry', q: 'Search' },
    },
    accounts: {
      name: 'Account |||| Accounts',
      fields: { code: 'Account', kind: 'Kind', userName: 'User', balance: 'Balance', createdAt: 'Opened', q: 'Search' },
    },
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
