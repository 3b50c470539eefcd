import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Files worth compressing: text, at least 1 KB (below that the headers cost more than is saved). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;
/** Brotli's best quality is slow (~7 s a megabyte here): the 1 MB 繁體 converter gets a quicker one. */
const BEST_UP_TO = 1024 * 1024;

/**
 * After the build, writes a brotli (`.br`, best quality) and a gzip (`.gz`, level 9) copy beside
 * every text file of dist/web. The server sends them as they are to a browser that accepts them
 * (`@fastify/static`'s `preCompressed`), so a phone gets the smallest files the formats allow and
 * the server does not compress the same script again for every phone.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'qunfang-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await fs.readdir(outDir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const content = await fs.readFile(full);
          if (content.length < MIN_BYTES) return;
          const quality = content.length <= BEST_UP_TO ? 11 : 6;
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: 9 }),
          ]);
          await Promise.all([fs.writeFile(`${full}.br`, br), fs.writeFile(`${full}.gz`, gz)]);
        }),
      );
    },
  };
}
