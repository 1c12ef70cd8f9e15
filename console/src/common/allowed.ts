/**
 * Whether the record lists a transition in its `allowedActions`: the server computes them
 * from the process's table (server/modules/<module>/machine.ts), so a button shows exactly
 * when the API would accept its action.
 */
export function allows(record: object | undefined, ...names: string[]): boolean {
  const listed = (record as { allowedActions?: unknown } | undefined)?.allowedActions;
  return Array.isArray(listed) && names.some((n) => listed.includes(n));
}
