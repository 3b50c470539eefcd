import { MAX_CONCURRENT_IMPORTS } from '../../shared/upload-limits';
import { AppError } from '../errors';

let taken = 0;

/**
 * One of the server's import slots, taken before an upload's body is read and given back when its
 * import ends: the limits of upload-limits.ts bound one import's memory, and this bounds how many
 * run at once, so that no burst of uploads can take the process's memory together.
 */
export interface UploadSlot {
  release(): void;
}

/** Take a slot, or refuse with IMPORT_BUSY (429) while MAX_CONCURRENT_IMPORTS imports run. */
export function takeUploadSlot(): UploadSlot {
  if (taken >= MAX_CONCURRENT_IMPORTS) throw new AppError('IMPORT_BUSY');
  taken++;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      taken--;
    },
  };
}

const held = new WeakMap<object, { slot: UploadSlot; kept: boolean }>();

/**
 * Route hooks for an upload: authorise, then take a slot before the body is read (an over-busy
 * server answers 429 without reading it); give it back when the response is sent or the client
 * goes away — unless the handler kept it for a background job (`keepUploadSlot`).
 */
export function uploadSlotHooks(authoriseRequest: (request: object) => void) {
  const free = async (request: object) => {
    const h = held.get(request);
    if (h && !h.kept) h.slot.release();
  };
  return {
    onRequest: async (request: object) => {
      authoriseRequest(request);
      held.set(request, { slot: takeUploadSlot(), kept: false });
    },
    onResponse: free,
    onRequestAbort: free,
  };
}

/** Keep the request's slot beyond its response: the caller releases it when its background job ends. */
export function keepUploadSlot(request: object): UploadSlot {
  const h = held.get(request);
  if (!h) throw new Error('no upload slot taken for this request');
  h.kept = true;
  return h.slot;
}
