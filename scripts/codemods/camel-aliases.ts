/**
 * Rewrites hand-written camelCase aliases in Kysely selections to the one typed mapper
 * (server/http/camel.ts): `.select(['id', 'buyer_id as buyerId', 'orders.created_at as createdAt'])`
 * becomes `.select(['id', ...camel('buyer_id', 'orders.created_at')])`. Only an alias that is exactly the
 * camelCase of its column is rewritten (`'users.name as buyerName'` stays), adjacent ones are grouped so
 * the selection keeps its order, and only inside `select`/`returning` calls. Idempotent: run it again
 * after a merge.
 *
 *   npx tsx scripts/codemods/camel-aliases.ts            # every tracked .ts under server, scripts, tests
 *   npx tsx scripts/codemods/camel-aliases.ts <files...>
 * Then: npx prettier --write <changed files>.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const MAPPER = resolve(ROOT, 'server/http/camel.ts');
const ALIAS = /^((?:[a-z_][a-z0-9_]*\.)?([a-z][a-z0-9_]*)) as ([a-zA-Z][a-zA-Z0-9]*)$/;
const camelCase = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const SELECTING = new Set(['select', 'returning', 'selectAll']);

/** The column of a pure camel alias (`'orders.buyer_id as buyerId'` → `orders.buyer_id`), else null. */
function pureColumn(n: ts.Node): string | null {
  if (!ts.isStringLiteral(n)) return null;
  const m = ALIAS.exec(n.text);
  if (!m || !m[2]!.includes('_') || camelCase(m[2]!) !== m[3]) return null;
  return m[1]!;
}

function isSelecting(call: ts.Node | undefined): boolean {
  return (
    call !== undefined &&
    ts.isCallExpression(call) &&
    ts.isPropertyAccessExpression(call.expression) &&
    SELECTING.has(call.expression.name.text)
  );
}

export function rewrite(file: string, src: string): { out: string; count: number } {
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  let count = 0;
  const visit = (n: ts.Node) => {
    if (ts.isArrayLiteralExpression(n) && isSelecting(n.parent)) {
      const els = n.elements;
      for (let i = 0; i < els.length;) {
        if (!pureColumn(els[i]!)) {
          i++;
          continue;
        }
        let j = i;
        const cols: string[] = [];
        while (j < els.length && pureColumn(els[j]!)) cols.push(pureColumn(els[j++]!)!);
        count += cols.length;
        edits.push({
          start: els[i]!.getStart(sf),
          end: els[j - 1]!.getEnd(),
          text: `...camel(${cols.map((c) => `'${c}'`).join(', ')})`,
        });
        i = j;
      }
    } else if (isSelecting(n.parent) && (n.parent as ts.CallExpression).arguments[0] === n) {
      const col = pureColumn(n);
      if (col) {
        count++;
        edits.push({ start: n.getStart(sf), end: n.getEnd(), text: `camel('${col}')` });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!edits.length) return { out: src, count };
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (!/import \{[^}]*\bcamel\b[^}]*\} from '[^']*http\/camel\.js'/.test(out)) {
    let path = relative(dirname(resolve(ROOT, file)), MAPPER).replace(/\.ts$/, '.js');
    if (!path.startsWith('.')) path = `./${path}`;
    const lastImport = [...sf.statements].filter(ts.isImportDeclaration).pop();
    const at = lastImport ? lastImport.getEnd() : 0;
    out = `${out.slice(0, at)}\nimport { camel } from '${path}';${out.slice(at)}`;
  }
  return { out, count };
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : execFileSync('git', ['ls-files', 'server', 'scripts', 'tests'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith('scripts/codemods/') && f !== 'server/http/camel.ts');
let total = 0;
const changed: string[] = [];
for (const file of files) {
  const src = readFileSync(resolve(ROOT, file), 'utf8');
  const { out, count } = rewrite(file, src);
  if (out !== src) {
    writeFileSync(resolve(ROOT, file), out);
    changed.push(file);
    total += count;
  }
}
console.log(`${total} aliases in ${changed.length} files`);
console.log(changed.join('\n'));
