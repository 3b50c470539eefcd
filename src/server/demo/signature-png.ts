import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A PNG as a phone's signature canvas gives it (RGBA, transparent), with a pen stroke whose shape
 * follows `seed` — for the demo's pledges and the tests; `ink: false` is a blank canvas.
 */
export function signaturePng(width = 300, height = 100, ink = true, seed = 1): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const line = width * 4 + 1;
  const raw = Buffer.alloc(line * height);
  const dot = (x: number, y: number) => {
    for (let dx = 0; dx < 2; dx++)
      for (let dy = 0; dy < 2; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px >= 0 && px < width && py >= 0 && py < height) raw.set([20, 20, 60, 255], py * line + 1 + px * 4);
      }
  };
  if (ink) {
    const a = 6 + (seed % 7);
    const b = 9 + (seed % 5);
    for (let i = 0; i < 2000; i++) {
      const s = i / 2000;
      const x = 20 + s * (width - 40);
      const y = height / 2 + Math.sin(s * a * Math.PI) * (height / 4) + Math.cos(s * b * Math.PI) * (height / 8);
      dot(x, y);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
