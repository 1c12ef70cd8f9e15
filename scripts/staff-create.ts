import { parseArgs } from 'node:util';
import { boot } from './boot.js';
import { createStaff, newStaffSchema } from '../server/modules/staff/service.js';
import { systemClock } from '../server/time/clock.js';
import { systemActor } from '../server/modules/audit/audit.js';
import { Problem } from '../server/http/problem.js';

const usage =
  'usage: npm run staff:create -- --email EMAIL --name NAME --role admin|support|trust_safety|finance' +
  ' --password PASSWORD';
let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const input = newStaffSchema.safeParse(values);
if (!input.success) {
  for (const issue of input.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  console.error(usage);
  process.exit(2);
}
const { handle } = await boot();
try {
  const staff = await createStaff(handle.db, systemClock, { actor: systemActor, input: input.data });
  console.log(`Created ${staff.role} ${staff.email} (id ${staff.id}).`);
} catch (e) {
  console.error(e instanceof Problem ? `${e.title}: ${e.detail}` : e);
  process.exitCode = 1;
} finally {
  await handle.close();
}
