import ts from 'typescript';

/** Kysely calls that start a query. */
const QUERY_ROOTS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'replaceInto',
]);

export interface RouteQuery {
  file: string;
  line: number;
  what: string;
}

/**
 * Queries written in a routes file: a value import of kysely's `sql`, a call that starts a Kysely
 * query (`db.selectFrom(...)`, `trx.updateTable(...)`, ...), or one that opens a transaction
 * (`db.transaction()`). Routes call use cases; queries live in a repository, transactions open in the
 * use case.
 */
export function queriesIn(file: string, text: string): RouteQuery[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: RouteQuery[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (
      ts.isImportDeclaration(n) &&
      ts.isStringLiteral(n.moduleSpecifier) &&
      n.moduleSpecifier.text === 'kysely' &&
      !n.importClause?.isTypeOnly
    ) {
      const named = n.importClause?.namedBindings;
      if (named && ts.isNamedImports(named))
        for (const el of named.elements)
          if (!el.isTypeOnly && (el.propertyName ?? el.name).text === 'sql')
            out.push({ file, line: at(el), what: "imports kysely's sql" });
    }
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      QUERY_ROOTS.has(n.expression.name.text)
    )
      out.push({ file, line: at(n), what: `calls ${n.expression.name.text}()` });
    // `db.transaction()`: the use case opens its transaction, not the route (an idempotent route's
    // `transaction(work)` is handed to the use case, and is not a member call).
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'transaction' &&
      n.arguments.length === 0
    )
      out.push({ file, line: at(n), what: 'opens a transaction' });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
