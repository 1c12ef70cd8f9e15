import { boot, describeDatabase } from './boot.js';

const { config, handle, applied } = await boot();
console.log(
  `${describeDatabase(config)}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`,
);
await handle.close();
