import { createApp } from './app.js';
import { env } from './config/env.js';
import { db } from './db.js';

const app = createApp();

const server = app.listen(env.PORT, () => {
  console.log(`express-api listening on :${env.PORT} (${env.NODE_ENV})`);
});

function shutdown(signal: NodeJS.Signals): void {
  console.log(`${signal} received, closing server`);
  server.close(() => {
    db.destroy()
      .catch((err: unknown) => console.error('Failed to close the database pool', err))
      .finally(() => process.exit(0));
  });
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
