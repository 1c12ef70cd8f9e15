import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where evidence files live. The local folder is the default; an object store would implement the same. */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class LocalFolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key)) throw new Error(`bad storage key ${key}`);
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
}
