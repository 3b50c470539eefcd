import { inflateSync } from 'node:zlib';
import { AppError } from '../../errors';
import { MAX_SIGNATURE_BYTES } from '../../../shared/pledges';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const refuse = (reason: string): never => {
  throw new AppError('PLEDGE_SIGNATURE_INVALID', { reason });
};

/**
 * A drawn signature, checked from its bytes — never from the type the client claims: a data URL
 * whose content is a PNG (the 8-byte signature, an IHDR header first, chunks that add up, IEND
 * last) of at most 300 KB, a plausible canvas size (50–2000 × 30–1200 px), and not blank (its
 * pixels are not all one value). Returns the PNG bytes to store.
 */
export function checkSignature(dataUrl: string): Buffer {
  const comma = dataUrl.indexOf(',');
  const bytes = Buffer.from(dataUrl.slice(comma + 1), 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) refuse('too large');
  if (bytes.length < 60 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) refuse('not a PNG');
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let at = 8;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) refuse('truncated');
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (at === 8) {
      if (type !== 'IHDR' || length !== 13) refuse('no header');
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = end === bytes.length;
      break;
    }
    at = end;
  }
  if (!ended || !idat.length) refuse('not a complete PNG');
  if (width < 50 || width > 2000 || height < 30 || height > 1200) refuse('size');
  let pixels: Buffer;
  try {
    // at most 4 bytes (RGBA, 8 bits) per pixel plus a filter byte per line: more is not a canvas
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: width * height * 8 + height });
  } catch {
    return refuse('unreadable image data');
  }
  const counts = new Map<number, number>();
  for (const b of pixels) counts.set(b, (counts.get(b) ?? 0) + 1);
  const commonest = Math.max(...counts.values());
  if (pixels.length - commonest < 20) refuse('blank');
  return bytes;
}
