/**
 * Brings lines over 110 characters under it where a formatter cannot: a string literal that crosses the
 * limit becomes a concatenation of pieces split between words (same value), a comment is wrapped with
 * its own prefix. Run Prettier on the files afterwards; it lays the pieces out.
 *
 *   npx tsx scripts/codemods/long-lines.ts <file.ts|tsx>...
 *
 * Left alone: template literals (SQL above all), import paths, literal types, property names and
 * frozen migrations; what remains is listed for a hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const LIMIT = 110;
const PIECE = 72;

/** Pieces of at most PIECE characters, cut before a space, that join back to `text`. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > PIECE) {
    let cut = rest.lastIndexOf(' ', PIECE);
    // Never inside an escape (`\'`, `\n`) or a placeholder (`%{x}`, `{{x}}`).
    while (cut > 0 && (rest[cut - 1] === '\\' || /[%{][^}]*$/.test(rest.slice(0, cut)))) {
      cut = rest.lastIndexOf(' ', cut - 1);
    }
    if (cut <= 10) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

const TEST_CALLS = /^(it|test|describe)(\.(each|skip|only|todo|concurrent|sequential))*$/;

function isTestTitle(n: ts.Node): boolean {
  const p = n.parent;
  return ts.isCallExpression(p) && p.arguments[0] === n && TEST_CALLS.test(p.expression.getText());
}

/**
 * Breaks a template literal's text at spaces outside `${…}` with `\` + newline, lines at most `first`/100.
 */
function continued(body: string, first: number): string {
  const out: string[] = [];
  let rest = body;
  let width = Math.max(first, 40);
  const insideExpr = (text: string) => (text.match(/\$\{/g) ?? []).length > (text.match(/\}/g) ?? []).length;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    while (cut > 0 && (rest[cut - 1] === '\\' || insideExpr(rest.slice(0, cut))))
      cut = rest.lastIndexOf(' ', cut - 1);
    if (cut <= 10) break;
    out.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
    width = 100;
  }
  out.push(rest);
  return out.join('\\\n');
}

/** Line breaks in the long lines of a `sql` template, at spaces outside quotes and `${…}`. */
function sqlBreaks(
  sf: ts.SourceFile,
  src: string,
  start: number,
  end: number,
  first: number,
  last: number,
): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  let quote = false;
  let depth = 0;
  const starts = sf.getLineStarts();
  for (let l = first; l <= last; l++) {
    const ls = starts[l]!;
    const le = (starts[l + 1] ?? src.length + 1) - 1;
    const indent = /^\s*/.exec(src.slice(ls, le))![0];
    let col = 0;
    let best = -1;
    let lastCut = ls;
    for (let i = ls; i < le; i++, col++) {
      const inside = i > start && i < end;
      const ch = src[i];
      if (inside) {
        if (depth === 0 && ch === "'") quote = !quote;
        else if (!quote && ch === '$' && src[i + 1] === '{') depth++;
        else if (!quote && depth > 0 && ch === '}') depth--;
        else if (!quote && depth === 0 && ch === ' ' && i - lastCut > 30) best = i;
      }
      if (i - lastCut >= LIMIT - indent.length - 4 && best > 0 && le - lastCut > LIMIT) {
        edits.push({ start: best, end: best + 1, text: `\n${indent}  ` });
        lastCut = best;
        best = -1;
      }
    }
  }
  return edits;
}

function splitStrings(file: string, src: string): string {
  const sf = ts.createSourceFile(
    file,
    src,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lineEnd = (pos: number) => {
    const { line } = sf.getLineAndCharacterOfPosition(pos);
    const starts = sf.getLineStarts();
    return (starts[line + 1] ?? src.length + 1) - 1;
  };
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (n: ts.Node) => {
    // A test's title stays the first argument as a template literal continued on the next line (`\` at the
    // end of a line adds nothing to it), so Prettier keeps formatting the call as a test and its body is
    // not indented again.
    if (
      (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) &&
      isTestTitle(n)
    ) {
      const start = n.getStart(sf);
      const line = sf.getLineAndCharacterOfPosition(start).line;
      if (lineEnd(start) - sf.getLineStarts()[line]! > LIMIT) {
        const raw = n.getText(sf);
        const body = ts.isStringLiteral(n)
          ? raw
              .slice(1, -1)
              .replace(/\\(['"])/g, '$1')
              .replace(/`/g, '\\`')
              .replace(/\$\{/g, '\\${')
          : raw.slice(1, -1);
        const col = sf.getLineAndCharacterOfPosition(start).character;
        edits.push({ start, end: n.getEnd(), text: `\`${continued(body, LIMIT - col - 30)}\`` });
      }
      return;
    }
    if ((ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) && !isTestTitle(n)) {
      const start = n.getStart(sf);
      const end = n.getEnd();
      const first = sf.getLineAndCharacterOfPosition(start).line;
      const last = sf.getLineAndCharacterOfPosition(end).line;
      let long = false;
      for (let l = first; l <= last; l++)
        if (lineEnd(sf.getLineStarts()[l]!) - sf.getLineStarts()[l]! > LIMIT) long = true;
      const p = n.parent;
      const tag = ts.isTaggedTemplateExpression(p) ? p.tag.getText(sf) : null;
      if (long && tag?.startsWith('sql')) {
        // SQL: a line break between words is the same statement (never inside a '…' string or `${…}`).
        edits.push(...sqlBreaks(sf, src, start, end, first, last));
        return;
      }
      if (long && tag === null && first === last) {
        const raw = n.getText(sf).slice(1, -1);
        const parts = continued(raw, PIECE).split('\\\n');
        if (parts.length > 1)
          edits.push({ start, end, text: `(${parts.map((x) => `\`${x}\``).join(' +\n')})` });
        return;
      }
    }
    if (ts.isStringLiteral(n)) {
      const p = n.parent;
      const skip =
        ts.isImportDeclaration(p) ||
        ts.isExportDeclaration(p) ||
        ts.isLiteralTypeNode(p) ||
        ts.isExternalModuleReference(p) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        ts.isPropertySignature(p) ||
        ts.isEnumMember(p) ||
        ts.isModuleDeclaration(p);
      const start = n.getStart(sf);
      const { character } = sf.getLineAndCharacterOfPosition(start);
      const crosses =
        lineEnd(start) - sf.getLineStarts()[sf.getLineAndCharacterOfPosition(start).line]! > LIMIT;
      const raw = n.getText(sf);
      if (!skip && crosses && raw.length > 40 && character + raw.length > 60) {
        const q = raw[0]!;
        const parts = pieces(raw.slice(1, -1));
        if (parts.length > 1) {
          const joined = parts.map((x) => `${q}${x}${q}`).join(' +\n');
          edits.push({ start, end: n.getEnd(), text: ts.isJsxAttribute(p) ? `{${joined}}` : `(${joined})` });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = src;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Wraps `// …`, ` * …` and one-line `/** … *\/` comments over the limit at a space. */
function wrapComments(src: string): string {
  const lines = src.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    // A directive must stay on the line above what it names.
    if (line.length <= LIMIT || /eslint-disable|@ts-|prettier-ignore/.test(line)) {
      out.push(line);
      continue;
    }
    const one = /^(\s*)\/\*\*\s(.*)\s\*\/\s*$/.exec(line);
    const m = one ? null : /^(\s*(?:\/\/|\*)\s?)(.*)$/.exec(line);
    if (!one && !m) {
      out.push(line);
      continue;
    }
    const prefix = one ? `${one[1]} * ` : m![1]!;
    const words = (one ? one[2]! : m![2]!).split(' ');
    const wrapped: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && prefix.length + cur.length + 1 + w.length > LIMIT) {
        wrapped.push(prefix + cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) wrapped.push(prefix + cur);
    if (one) out.push(`${one[1]}/**`, ...wrapped, `${one[1]} */`);
    else out.push(...wrapped);
  }
  return out.join('\n');
}

for (const file of process.argv.slice(2)) {
  if (file.startsWith('db/migrations/')) continue;
  const src = readFileSync(file, 'utf8');
  const out = wrapComments(splitStrings(file, src));
  if (out !== src) writeFileSync(file, out);
}
