/**
 * A random UUID (v4) made in the browser, e.g. for a visit a retried send must store once.
 * `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); a county server reached
 * over plain HTTP on its LAN address has `crypto.getRandomValues` alone, so fall back to that.
 */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
