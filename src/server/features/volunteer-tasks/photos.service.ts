import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { MAX_TASK_PHOTO_BYTES } from '../../../shared/volunteer-tasks';
import { audit } from '../audit';
import { updateTask, type TaskRow } from './tasks.repository';
import { getTask } from './tasks.service';

/**
 * Where the photos of done tasks live: `volunteer-task-photos/` beside the SQLite file, i.e. the
 * app's data directory (./data by default, QUNFANG_DB's folder otherwise) — also when the rows are in
 * PostgreSQL, so a deployment backs up one folder.
 */
export function photoDirOf(config: Pick<Config, 'sqlitePath'>): string {
  const db = config.sqlitePath === ':memory:' ? './data/qunfang.db' : config.sqlitePath;
  return path.join(path.dirname(path.resolve(db)), 'volunteer-task-photos');
}

/** The image type told by a file's first bytes — JPEG, PNG or WebP — whatever its name or header says. */
export function photoTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/**
 * Attach the photo of a done task (one per task; a second replaces the first). Refused before
 * anything is written: more than 5 MB (VOLUNTEER_PHOTO_TOO_LARGE), or not a JPEG, PNG or WebP by its
 * first bytes (VOLUNTEER_PHOTO_TYPE). The file is named by the task's id, never by the uploader.
 */
export async function attachTaskPhoto(db: Db, clock: Clock, dir: string, actor: Actor, id: string, bytes: Buffer) {
  const scope = scopeOf(actor);
  await storeTaskPhoto(db, clock, dir, actor, await getTask(db, scope, id), bytes);
  return getTask(db, scope, id);
}

/** The checks and the write behind a task's photo, by a lead or by a volunteer from their link (`by` null). */
export async function storeTaskPhoto(
  db: Db,
  clock: Clock,
  dir: string,
  by: Actor | null,
  task: Pick<TaskRow, 'id' | 'status' | 'region_path' | 'photo_file'>,
  bytes: Buffer,
): Promise<void> {
  if (task.status !== 'done') throw new AppError('VOLUNTEER_TASK_NOT_DONE');
  if (bytes.length > MAX_TASK_PHOTO_BYTES)
    throw new AppError('VOLUNTEER_PHOTO_TOO_LARGE', { bytes: bytes.length, max: MAX_TASK_PHOTO_BYTES });
  const type = photoTypeOf(bytes);
  if (!type) throw new AppError('VOLUNTEER_PHOTO_TYPE');
  fs.mkdirSync(dir, { recursive: true });
  const file = `${task.id}.${type.slice(6)}`;
  const tmp = path.join(dir, `${file}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  try {
    await db.transaction().execute(async (trx) => {
      await updateTask(trx, task.id, { photo_file: file, photo_type: type, updated_at: clock.now().toISOString() });
      await audit(trx, clock, by, {
        action: by ? 'volunteer_task.photo' : 'volunteer_task.self_photo',
        entityType: 'volunteer_task',
        entityId: task.id,
        regionPath: task.region_path,
        details: { bytes: bytes.length, type },
      });
    });
    fs.renameSync(tmp, path.join(dir, file));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  if (task.photo_file && task.photo_file !== file) fs.rmSync(path.join(dir, task.photo_file), { force: true });
}

/** A task's photo, for a user who has the task in their jurisdiction. */
export async function readTaskPhoto(db: Db, dir: string, scope: Scope, id: string) {
  const task = await getTask(db, scope, id);
  if (!task.photo_file || !task.photo_type) throw new AppError('VOLUNTEER_PHOTO_NOT_FOUND');
  const file = path.join(dir, path.basename(task.photo_file));
  if (!fs.existsSync(file)) throw new AppError('VOLUNTEER_PHOTO_NOT_FOUND');
  return { type: task.photo_type, bytes: fs.readFileSync(file) };
}
