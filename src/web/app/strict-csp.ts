import { z } from 'zod';

/**
 * The pages run under a Content-Security-Policy without 'unsafe-eval'. zod compiles fast parsers
 * with `new Function` when it may; told not to, it does not even try (a try would be refused and
 * reported as a policy violation). Imported first by each entry, before any schema is used.
 */
z.config({ jitless: true });
