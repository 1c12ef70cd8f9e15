export const roleChoices = [
  { id: 'admin', name: 'roles.admin' },
  { id: 'support', name: 'roles.support' },
  { id: 'trust_safety', name: 'roles.trust_safety' },
  { id: 'finance', name: 'roles.finance' },
];
