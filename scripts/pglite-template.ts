import { pgliteExtensions, pgliteStartParams } from '../db/connect.js';
import { migratedTemplate } from '../db/pglite-template.js';

// `npm run build` (after the console): the migrated PGlite folder new data folders start from
// (db/pglite-template.ts), so that the first start on PGlite skips initdb and the migrations.
console.log(`PGlite template: ${await migratedTemplate(pgliteExtensions, pgliteStartParams)}`);
