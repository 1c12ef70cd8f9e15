// `npm start` and `npm run worker`: run scripts/start.ts or scripts/worker.ts as one bundled ES module
// (dist/), built by esbuild when the sources are newer than the last build. Loading the server through a
// TypeScript loader module by module took most of a warm start (7.5 s against 3.3 s under load, and 210
// against 125 MB resident; issue #15). Plain JavaScript so that it needs no loader itself.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
const ENTRIES = { start: 'scripts/start.ts', worker: 'scripts/worker.ts' };
if (!(entry in ENTRIES)) {
  console.error(`usage: node scripts/launch.mjs ${Object.keys(ENTRIES).join('|')}`);
  process.exit(2);
}
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built');

/** The newest modification time under the given paths (TypeScript sources and the lockfile). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else if (/\.(ts|json)$/.test(p)) latest = Math.max(latest, s.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) visit(path.join(root, p));
  return latest;
}

const sources = ['server', 'db', 'scripts/boot.ts', ...Object.values(ENTRIES), 'package-lock.json'];
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newest(sources)) {
  rmSync(dist, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.values(ENTRIES),
    outdir: dist,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Migrations stay one module each: db/migrate.ts reads the folder next to it (dist/migrations).
  const migrations = readdirSync(path.join(root, 'db/migrations')).filter((f) => f.endsWith('.ts'));
  await build({
    absWorkingDir: root,
    entryPoints: migrations.map((f) => `db/migrations/${f}`),
    outdir: path.join(dist, 'migrations'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  writeFileSync(stamp, new Date().toISOString());
}
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true);
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(dist, `${entry}.js`)).href);
