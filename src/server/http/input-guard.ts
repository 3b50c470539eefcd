import type { FastifyInstance } from 'fastify';
import { CONTROL_CHARACTER } from '../../shared/text';
import { AppError } from '../errors';

type Part = 'body' | 'querystring' | 'params';

/**
 * The path (`['occupants', 0, 'name']`) of the first string — value or key — holding a control
 * character, or null. Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function controlCharacterPath(value: unknown): (string | number)[] | null {
  interface Step {
    value: unknown;
    key: string | number | null;
    parent: Step | null;
  }
  const pathOf = (step: Step | null, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let s = step; s && s.key !== null; s = s.parent) path.push(s.key);
    return path.reverse();
  };
  const stack: Step[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      if (CONTROL_CHARACTER.test(v)) return pathOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: step });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (CONTROL_CHARACTER.test(k)) return pathOf(step, k);
        stack.push({ value: child, key: k, parent: step });
      }
    }
  }
  return null;
}

/**
 * Every string a request carries — JSON body, query string, path parameters — is refused with
 * 400 CONTROL_CHARACTER (and the field's path) when it holds NUL, another C0/C1 control character
 * (tab and line breaks excepted) or a bidirectional override: checked once here, before any schema
 * or route, so no feature can forget it and PostgreSQL never sees a NUL. Uploaded files arrive as raw
 * bytes and are not walked here.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: [Part, unknown][] = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ];
    for (const [part, value] of parts) {
      const path = controlCharacterPath(value);
      if (path) throw new AppError('CONTROL_CHARACTER', { in: part, path });
    }
  });
}
