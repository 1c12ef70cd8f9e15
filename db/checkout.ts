import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder at or above `from` holding a package.json: the project root, whether a module runs
 * from server/ or db/ (tsx) or from the bundle that `npm start` builds into dist/v<time>/
 * (scripts/launch.mjs).
 */
export function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** The project root seen from this module. */
export function checkoutRoot(): string {
  return projectRoot(path.dirname(fileURLToPath(import.meta.url)));
}
