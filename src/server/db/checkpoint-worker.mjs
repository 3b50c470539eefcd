// A worker thread that copies a SQLite database's write-ahead log back into the database file
// (a checkpoint) on its own connection, so that the connection writing a bulk import does not stop
// to do it inside its commits. Started and stopped by bulk-writes.ts; plain JavaScript because a
// worker thread does not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
// the same durability as the writer: the checkpoint syncs the database file before the log is reused
db.pragma('synchronous = FULL');

function checkpoint() {
  // PASSIVE copies what it can without waiting for, or blocking, the writer and readers.
  db.pragma('wal_checkpoint(PASSIVE)');
}

const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
