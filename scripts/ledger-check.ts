import { boot } from './boot.js';
import { trialBalance } from '../server/modules/ledger/ledger.js';

/**
 * MNY-4: prints the trial balance; exits 1 when postings do not sum to zero, an account is negative or a
 * balance drifted from its postings.
 */
const { handle } = await boot();
try {
  const tb = await trialBalance(handle.db);
  console.log(`Journal entries: ${tb.entries}`);
  console.log(`Sum of all postings: ${tb.sum} (must be 0)`);
  for (const k of tb.byKind)
    console.log(
      `  ${k.kind.padEnd(17)} ${String(k.balance).padStart(16)}  (${k.accounts} ` +
        `account${k.accounts === 1 ? '' : 's'})`,
    );
  for (const a of tb.negativeAccounts) console.log(`NEGATIVE: ${a.code} = ${a.balance}`);
  for (const a of tb.driftingAccounts)
    console.log(`DRIFT: ${a.code} balance ${a.balance} but postings sum to ${a.postings}`);
  console.log(tb.ok ? 'Ledger OK' : 'LEDGER VIOLATION');
  process.exitCode = tb.ok ? 0 : 1;
} finally {
  await handle.close();
}
