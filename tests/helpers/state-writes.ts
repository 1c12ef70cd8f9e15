import ts from 'typescript';

/** Tables whose `status` or `stage` column is a process state: only their machine writes it. */
export const STATEFUL_TABLES = new Set([
  'orders',
  'milestones',
  'resolution_requests',
  'escalations',
  'refund_requests',
  'disputes',
  'dispute_offers',
  'withdrawals',
  'seller_applications',
  'identity_checks',
  'reports',
  'users',
  'projects',
  'proposals',
  'scheduled_jobs',
  'services',
  'service_reviews',
  'content_flags',
  'invoices',
  'tickets',
]);
const STATE_COLUMNS = new Set(['status', 'stage']);
const WRITERS = new Set(['set', 'values', 'doUpdateSet']);
const ROOTS = new Set(['updateTable', 'insertInto', 'mergeInto', 'replaceInto']);

export interface StateWrite {
  file: string;
  line: number;
  table: string;
  what: string;
}

type Root = { method: string; table: string | null } | null;

/** What a local function returns: its body expression, or each `return` of its block. */
function returnsOf(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclarationBase).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** Local functions of that name: `function f() {}` and `const f = () => ...`. */
function functionsOf(sf: ts.SourceFile, name: string): ts.SignatureDeclaration[] {
  const found: ts.SignatureDeclaration[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionDeclaration(n) && n.name?.text === name) found.push(n);
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === name &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    )
      found.push(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * The table a Kysely chain writes to: `trx.updateTable('users as u').set(...)` → users. The chain may
 * start in a local variable (`const q = trx.updateTable('orders'); q.set(...)`) or a local helper
 * (`const upd = (trx) => trx.updateTable('orders'); upd(trx).set(...)`): both are followed. Null when
 * the chain does not start a write at all (or its start cannot be found).
 */
function chainRoot(sf: ts.SourceFile, expr: ts.Expression, seen = new Set<ts.Node>()): Root {
  let e: ts.Expression = expr;
  for (;;) {
    if (seen.has(e)) return null;
    seen.add(e);
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && ROOTS.has(callee.name.text)) {
        const arg = e.arguments[0];
        const table =
          arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
            ? arg.text.split(/\s+as\s+/)[0]!.trim()
            : null;
        return { method: callee.name.text, table };
      }
      if (ts.isIdentifier(callee)) {
        const roots = functionsOf(sf, callee.text)
          .flatMap(returnsOf)
          .map((r) => chainRoot(sf, r, seen));
        return roots.find((r) => r && (r.table === null || STATEFUL_TABLES.has(r.table))) ?? roots[0] ?? null;
      }
      e = callee;
    } else if (
      ts.isPropertyAccessExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isParenthesizedExpression(e)
    ) {
      e = e.expression;
    } else if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) {
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      const roots = declarationsOf(sf, e.text).map((d) => chainRoot(sf, d, seen));
      return roots.find((r) => r && (r.table === null || STATEFUL_TABLES.has(r.table))) ?? roots[0] ?? null;
    } else return null;
  }
}

/** Declarations of a name in the file (any scope): good enough to follow `const set = {...}`. */
function declarationsOf(sf: ts.SourceFile, name: string): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer)
      found.push(n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      if (ts.isIdentifier(n.left) && n.left.text === name) found.push(n.right);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * Whether a value written by `.set()`/`.values()` may carry a state column: `'yes'`, `'no'`,
 * or `'unknown'` when it cannot be followed (a parameter, a call): unknown counts as a write.
 */
function carriesState(
  sf: ts.SourceFile,
  e: ts.Expression,
  seen = new Set<ts.Node>(),
): 'yes' | 'no' | 'unknown' {
  if (seen.has(e)) return 'no';
  seen.add(e);
  const worst = (xs: ('yes' | 'no' | 'unknown')[]) =>
    xs.includes('yes') ? 'yes' : xs.includes('unknown') ? 'unknown' : 'no';
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
    return carriesState(sf, e.expression, seen);
  if (ts.isNonNullExpression(e)) return carriesState(sf, e.expression, seen);
  if (ts.isObjectLiteralExpression(e)) {
    const parts: ('yes' | 'no' | 'unknown')[] = [];
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) parts.push(carriesState(sf, p.expression, seen));
      else if (ts.isShorthandPropertyAssignment(p)) parts.push(STATE_COLUMNS.has(p.name.text) ? 'yes' : 'no');
      else if (p.name && ts.isComputedPropertyName(p.name)) {
        const k = p.name.expression;
        parts.push(ts.isStringLiteral(k) ? (STATE_COLUMNS.has(k.text) ? 'yes' : 'no') : 'unknown');
      } else if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
        parts.push(STATE_COLUMNS.has(p.name.text) ? 'yes' : 'no');
    }
    return worst(parts);
  }
  if (ts.isArrayLiteralExpression(e)) return worst(e.elements.map((x) => carriesState(sf, x, seen)));
  if (ts.isConditionalExpression(e))
    return worst([carriesState(sf, e.whenTrue, seen), carriesState(sf, e.whenFalse, seen)]);
  if (ts.isBinaryExpression(e))
    return worst([carriesState(sf, e.left, seen), carriesState(sf, e.right, seen)]);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    if (ts.isBlock(e.body)) {
      const rets: ('yes' | 'no' | 'unknown')[] = [];
      const visit = (n: ts.Node) => {
        if (ts.isReturnStatement(n) && n.expression) rets.push(carriesState(sf, n.expression, seen));
        if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
      };
      ts.forEachChild(e.body, visit);
      return worst(rets);
    }
    return carriesState(sf, e.body, seen);
  }
  // `rows.map((r) => ({ ... }))`: what the callback returns.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments[0]) {
    if (['map', 'flatMap'].includes(e.expression.name.text)) return carriesState(sf, e.arguments[0], seen);
    // `Array.from({ length: n }, (_, i) => ({ ... }))`
    if (e.expression.name.text === 'from' && e.arguments[1]) return carriesState(sf, e.arguments[1], seen);
  }
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return 'no';
    const decls = declarationsOf(sf, e.text);
    return decls.length ? worst(decls.map((d) => carriesState(sf, d, seen))) : 'unknown';
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    // `opts.set`, `o.extra`: a caller's object, which may hold anything.
    return 'unknown';
  }
  if (ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.NullKeyword) return 'no';
  return 'unknown';
}

const RAW_SQL = [
  /\bupdate\s+"?(\w+)"?\s+set\b[^;]*?\b(status|stage)\s*=/gi,
  /\binsert\s+into\s+"?(\w+)"?\s*\(([^)]*)\)/gi,
];

/** Every write of a process state in one source text. */
export function stateWritesIn(file: string, text: string): StateWrite[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: StateWrite[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      if (WRITERS.has(method)) {
        const root = chainRoot(sf, n.expression.expression);
        if (root && (root.table === null || STATEFUL_TABLES.has(root.table))) {
          const verdict = n.arguments.length
            ? n.arguments
                .map((a) => carriesState(sf, a))
                .reduce((a, b) => (a === 'yes' || b === 'no' ? a : b))
            : 'no';
          if (verdict !== 'no')
            out.push({
              file,
              line: at(n),
              table: root.table ?? '(computed table)',
              what:
                `${root.method}().${method}() ` +
                (root.table === null
                  ? 'on a computed table'
                  : verdict === 'yes'
                    ? 'writes status/stage'
                    : 'writes an object the check cannot follow'),
            });
        }
      }
    }
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const raw = n.getText(sf);
      for (const re of RAW_SQL) {
        re.lastIndex = 0;
        for (const m of raw.matchAll(re)) {
          const table = m[1]!.toLowerCase();
          const cols = m[2] ?? '';
          if (STATEFUL_TABLES.has(table) && (re === RAW_SQL[0] || /\b(status|stage)\b/.test(cols)))
            out.push({ file, line: at(n), table, what: 'raw SQL writes status/stage' });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
