const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe to place in HTML that React does not build — ECharts tooltip formatters, anything
 * handed to innerHTML: `<`, `>`, `&` and both quotes become entities, so a name such as
 * `东城村<img src=x onerror=…>` shows as written and never runs. Every user-written string (a region,
 * person, site or township name) goes through this before it is put into such HTML.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
