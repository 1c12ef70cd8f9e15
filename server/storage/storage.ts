import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** One stored file as a listing shows it. */
export interface StoredObject {
  key: string;
  lastModified: Date;
}

/**
 * Where uploaded files live (evidence, identity photos, portfolio files): a local folder by default, an
 * S3-compatible bucket with `PASAR_STORAGE=s3` (s3.ts). Keys are written once and never overwritten.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** The file as a stream, opened (so a missing file or an unreachable store fails here, not mid-answer). */
  open(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Every stored file, for the orphan clean-up. */
  list(): AsyncIterable<StoredObject>;
  /** Throws when the store cannot be reached (readiness). */
  check(): Promise<void>;
}

/** `20261123T020000Z`: when a key was made, by the product's clock (the orphan clean-up reads it back). */
export function keyStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The moment a key was made (`…/20261123T020000Z-<uuid>`); null for keys written before stamps. */
export function keyTime(key: string): Date | null {
  const m = /\/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[\w-]+$/.exec(key);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null;
}

const KEY = /^[\w-]+(\/[\w.-]+)*$/;

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`bad storage key ${key}`);
}

export class LocalFolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const f = this.file(key);
    await mkdir(path.dirname(f), { recursive: true });
    await writeFile(f, data, { flag: 'wx' });
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async open(key: string): Promise<Readable> {
    const f = this.file(key);
    await access(f);
    return createReadStream(f);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    let entries: string[];
    try {
      entries = await readdir(this.root, { recursive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const key = entry.split(path.sep).join('/');
      if (!KEY.test(key)) continue;
      const s = await stat(path.join(this.root, entry)).catch(() => null);
      if (s?.isFile()) yield { key, lastModified: s.mtime };
    }
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root);
  }
}
