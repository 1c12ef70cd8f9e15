import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's root: the nearest folder above this module with a package.json. The module is db/checkout.ts
 * under tsx and a chunk of the bundle under dist/v<time>/ under `npm start` (scripts/launch.mjs), so paths
 * relative to the module's own folder differ between the two.
 */
export function checkoutRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(here, '..');
  }
}
