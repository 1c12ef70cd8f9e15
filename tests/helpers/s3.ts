import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export const TEST_BUCKET = 'pasar-test';

export interface TestS3Server {
  port: number;
  endpoint: string;
  /** The product's environment for this server (PASAR_STORAGE=s3 and the S3_* variables). */
  env: Record<string, string>;
  /** Stops the server (requests fail with connection refused) until `restart()`. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An S3-compatible server on this machine (s3rver from npm, on a loopback port, objects in a temporary
 * folder), with one private bucket. The product reaches it through @aws-sdk/client-s3 as it would AWS.
 */
export async function startS3Server(port = 0): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pasar-s3-'));
  const make = (p: number) =>
    new S3rver({
      port: p,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: TEST_BUCKET, configs: [] }],
    });
  let server = make(port);
  const { port: actual } = await server.run();
  let running = true;
  const endpoint = `http://127.0.0.1:${actual}`;
  const stop = async () => {
    if (running) await server.close();
    running = false;
  };
  return {
    port: actual,
    endpoint,
    env: {
      PASAR_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: TEST_BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop,
    async restart() {
      if (running) return;
      server = make(actual);
      await server.run();
      running = true;
    },
    async close() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
