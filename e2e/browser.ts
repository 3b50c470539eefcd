import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Which Chromium the browser tests drive, and the environment it needs. */
export interface ChromiumChoice {
  executablePath: string;
  env: Record<string, string>;
  label: string;
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium when it is installed (it has the CJK fonts for screenshots, from
 * fonts-noto-cjk); else the Chromium that ships inside the @sparticuz/chromium npm package, so that
 * `npm ci && npm test` pass on a bare machine where no browser can be downloaded. That binary needs
 * only glibc plus NSS/NSPR/expat, which the package also ships (its al2023 archive); they are put on
 * the browser's LD_LIBRARY_PATH. `CHROMIUM_PATH=/path/to/chrome` overrides both;
 * `CHROMIUM_PATH=packaged` takes the npm package's even where Debian's is installed.
 */
export function chooseChromium(): Promise<ChromiumChoice> {
  // both projects' global setups run in the one Vitest process: unpack once
  const memo = globalThis as { qfChromium?: Promise<ChromiumChoice> };
  memo.qfChromium ??= choose();
  return memo.qfChromium;
}

async function choose(): Promise<ChromiumChoice> {
  const override = process.env.CHROMIUM_PATH;
  if (override && override !== 'packaged')
    return { executablePath: override, env: {}, label: `CHROMIUM_PATH (${override})` };
  if (!override && fs.existsSync(DEBIAN_CHROMIUM))
    return { executablePath: DEBIAN_CHROMIUM, env: {}, label: `Debian's Chromium (${DEBIAN_CHROMIUM})` };
  const { default: packaged, inflate } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  const bin = path.resolve(import.meta.dirname, '../node_modules/@sparticuz/chromium/bin');
  const libs = await inflate(path.join(bin, 'al2023.tar.br'));
  const libDir = path.join(libs, 'lib');
  return {
    executablePath,
    env: {
      LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: path.join(os.tmpdir(), 'fonts'),
    },
    label: `Chromium from the @sparticuz/chromium npm package (${executablePath}; no CJK fonts: screenshots show boxes for Chinese — apt-get install chromium fonts-noto-cjk for Debian's)`,
  };
}
