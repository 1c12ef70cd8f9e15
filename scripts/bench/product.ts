import { boot } from '../boot.js';
import { createApp } from '../../server/app.js';
import { keepIdleConnections } from '../../server/lifecycle.js';

// The product as `npm start` serves it, without the console build, demo data or in-process scheduler:
// the benchmark drives the scheduler itself (clearance) and makes its own data.
const { config, handle } = await boot();
const { app } = createApp({ db: handle, config });
const server = keepIdleConnections(app.listen(config.port, '127.0.0.1'));
const stop = () => {
  server.close();
  void handle.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
