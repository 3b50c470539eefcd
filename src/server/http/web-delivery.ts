import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Responses compressed for a phone on a weak signal (issue 18): brotli or gzip, whichever the
 * browser accepts (`Accept-Encoding`), for every text answer of 1 KB or more — the API's JSON, the
 * pages, the scripts. Live streams (Server-Sent Events) are left alone: compressing them would hold
 * events back in the compressor. Compressed request bodies are not accepted (a small gzip body could
 * inflate past the body limits), so only responses are compressed.
 *
 * Registered before the static files and every route, as @fastify/compress requires.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
  });
}

/** One year: what a file whose name carries its content hash may be cached for. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built web UI from `root` (dist/web). Files under /assets/ carry a content hash in their name
 * (`main-DMPBx5pa.js`): a new build makes new names, so a browser keeps them a year without asking
 * again. Everything else (index.html, public.html) is `no-cache`: asked again on every load, so a
 * new build is seen at once. The build writes a brotli (`.br`) and a gzip (`.gz`) copy of each
 * asset (vite.config.ts), which is sent as it is when the browser accepts it; without them the
 * compression hook compresses on the fly.
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, filePath) {
      reply.header('cache-control', isHashedAsset(filePath) ? IMMUTABLE : 'no-cache');
    },
  });
}

function isHashedAsset(filePath: string): boolean {
  return /[\\/]assets[\\/][^\\/]+$/.test(filePath);
}
