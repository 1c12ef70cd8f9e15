// `npm start` and `npm run worker`: run scripts/start.ts or scripts/worker.ts as one bundled ES module
// (dist/v<time>/), built by esbuild when the sources are newer than the last build. Loading the server
// through a TypeScript loader module by module took most of a warm start (7.5 s against 3.3 s under load,
// and 210 against 125 MB resident; issue #15). Plain JavaScript so that it needs no loader itself.
import { build } from 'esbuild';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
const ENTRIES = { start: 'scripts/start.ts', worker: 'scripts/worker.ts' };
if (!(entry in ENTRIES)) {
  console.error(`usage: node scripts/launch.mjs ${Object.keys(ENTRIES).join('|')}`);
  process.exit(2);
}
const distRoot = path.join(root, 'dist');
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
// One folder per state of the sources: instances started together from one checkout each build into a
// folder of their own and move it into place with one rename; the first rename wins and the others use
// its folder. A running instance keeps its folder (later chunks load from it) while a newer one is built.
const version = `v${Math.floor(newest(sources))}`;
const dist = path.join(distRoot, version);
if (!existsSync(path.join(dist, '.built'))) {
  mkdirSyncSafe(distRoot);
  const tmp = mkdtempSync(path.join(distRoot, '.building-'));
  try {
    await bundle(tmp);
    writeFileSync(path.join(tmp, '.built'), new Date().toISOString());
    try {
      renameSync(tmp, dist);
    } catch (error) {
      // Another instance moved the same build into place first.
      if (!existsSync(path.join(dist, '.built'))) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // The three newest builds stay (an instance still running an older one may load a chunk from it).
  const builds = readdirSync(distRoot)
    .filter((name) => /^v\d+$/.test(name))
    .sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
  for (const old of builds.slice(3)) rmSync(path.join(distRoot, old), { recursive: true, force: true });
}

function mkdirSyncSafe(dir) {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}

async function bundle(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: Object.values(ENTRIES),
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Migrations stay one module each: db/migrate.ts reads the folder next to it (<build>/migrations).
  const migrations = readdirSync(path.join(root, 'db/migrations')).filter((f) => f.endsWith('.ts'));
  await build({
    absWorkingDir: root,
    entryPoints: migrations.map((f) => `db/migrations/${f}`),
    outdir: path.join(outdir, 'migrations'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true);
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(dist, `${entry}.js`)).href);
