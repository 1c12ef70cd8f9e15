import { randomUUID } from 'node:crypto';
import multer from 'multer';
import { fileTypeFromBuffer } from 'file-type';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { Problem, problems } from './problem.js';
import { isStorableText } from './schemas.js';
import { keyStamp, type FileStorage } from '../storage/storage.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const DOCUMENT_TYPES = [...IMAGE_TYPES, 'application/pdf', 'text/plain'];

/**
 * Multipart upload of named fields (each with its own maximum count) into memory, 10 MB a
 * file: 413 when a file is too large, 415 when its type is not allowed, 400 for any other
 * multipart mistake. The route finds the files on `uploadedFiles(req, field)`.
 */
export function fileUpload(
  fields: Record<string, number>,
  types: readonly string[],
  noun = 'file',
): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: Object.values(fields).reduce((a, n) => a + n, 0) },
  }).fields(Object.entries(fields).map(([name, maxCount]) => ({ name, maxCount })));
  return (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return next(
            new Problem({
              status: 413,
              slug: 'file-too-large',
              title: 'File too large',
              detail: `Each ${noun} may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
            }),
          );
        return next(
          problems.validation([
            { field: `body.${err.field ?? Object.keys(fields)[0]}`, message: err.message },
          ]),
        );
      }
      // Anything else busboy refuses (no boundary, a truncated body, a broken part header) is the client's.
      if (err)
        return next(
          problems.validation(
            [{ field: 'body', message: 'The multipart body is malformed.' }],
            'The multipart body is malformed.',
          ),
        );
      const all = Object.values((req.files ?? {}) as Record<string, Express.Multer.File[]>).flat();
      const unnamed = all.find((f) => !isStorableText(f.originalname));
      if (unnamed)
        return next(
          problems.validation([
            {
              field: `body.${unnamed.fieldname}`,
              message: 'The file name contains a NUL or broken character.',
            },
          ]),
        );
      realTypes(all, types).then((bad) => {
        if (!bad) return next();
        next(
          new Problem({
            status: 415,
            slug: 'unsupported-file-type',
            title: 'Unsupported file type',
            detail:
              `${bad.originalname} is ${bad.real ?? `not ${bad.mimetype}`}; a ${noun} ` +
              `may be ${types.join(', ')}.`,
          }),
        );
      }, next);
    });
}

/**
 * The type a file really is, from its bytes (magic numbers), not from what the client declared: an SVG or
 * HTML page labelled image/png must not be stored and shown as an image. Text has no magic number: a file
 * without one passes as text/plain only where text is allowed and its bytes are UTF-8 without NUL.
 * Each file's `mimetype` becomes its real type; answers the first file that is not allowed.
 */
async function realTypes(
  files: Express.Multer.File[],
  types: readonly string[],
): Promise<(Express.Multer.File & { real?: string }) | undefined> {
  for (const f of files) {
    const detected = await fileTypeFromBuffer(f.buffer);
    const real = detected?.mime ?? (isPlainText(f.buffer) ? 'text/plain' : undefined);
    if (!real || !types.includes(real)) return Object.assign(f, { real });
    f.mimetype = real;
  }
  return undefined;
}

function isPlainText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

export function uploadedFiles(req: Request, field: string): Express.Multer.File[] {
  return ((req.files ?? {}) as Record<string, Express.Multer.File[]>)[field] ?? [];
}

/** 503 when the file store cannot be reached: nothing that points at the files was written. */
export const storageUnavailable = () =>
  new Problem({
    status: 503,
    slug: 'storage-unavailable',
    title: 'File storage unavailable',
    detail: 'The files could not be stored or read right now; nothing was saved. Try again in a few minutes.',
    extra: {},
    headers: { 'Retry-After': '30' },
  });

export type StoredFile = Awaited<ReturnType<typeof putFile>>;

/**
 * Puts a file into storage under a fresh key below `prefix` and returns what to record about it. Callers
 * store files before the row that points at them commits; a file whose row never commits is an orphan that
 * the daily clean-up removes (server/storage/orphans.ts). A store that fails answers 503.
 */
export async function putFile(storage: FileStorage, prefix: string, f: Express.Multer.File, now: Date) {
  const key = `${prefix}/${keyStamp(now)}-${randomUUID()}`;
  try {
    await storage.put(key, f.buffer);
  } catch (e) {
    throw Object.assign(storageUnavailable(), { cause: e });
  }
  return { filename: f.originalname.slice(0, 200), content_type: f.mimetype, size: f.size, storage_key: key };
}

/**
 * Answers a stored file: images may show inline (to compare them on a case page), anything else downloads;
 * never sniffed, never cached.
 */
export async function sendStoredFile(
  res: Response,
  storage: FileStorage,
  f: { storage_key: string; content_type: string; filename: string },
  opts: { inlineImages?: boolean } = {},
) {
  let body;
  try {
    body = await storage.open(f.storage_key);
  } catch (e) {
    throw Object.assign(storageUnavailable(), { cause: e });
  }
  const inline = opts.inlineImages === true && IMAGE_TYPES.includes(f.content_type);
  res.setHeader('Content-Type', f.content_type);
  res.setHeader(
    'Content-Disposition',
    `${inline ? 'inline' : 'attachment'}; filename="${f.filename.replace(/[^\w.-]/g, '_')}"`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  await pipeline(body, res);
}
