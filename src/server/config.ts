import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting, read from the environment once at start. Bad values stop the start with one clear line. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  QUNFANG_DB: z.string().default('./data/qunfang.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  QUNFANG_ADMIN_PASSWORD: z.string().min(8).optional(),
  QUNFANG_DEMO: z.enum(['county', 'small', 'none']).default('county'),
  QUNFANG_TZ: z.string().default('Asia/Shanghai'),
  QUNFANG_SESSION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 30)
    .default(12),
  QUNFANG_COOKIE_SECURE: bool.default(false),
  QUNFANG_TRUST_PROXY: bool.default(false),
  QUNFANG_ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^https?:\/\/[^/?#\s]+$/, 'each must be a scheme and host, e.g. https://qunfang.example.gov.cn'),
      ),
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** sqlite file path, or ':memory:' */
  sqlitePath: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  demo: 'county' | 'small' | 'none';
  timeZone: string;
  sessionHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** Origins (scheme://host[:port]) besides the addressed host that may send state-changing requests. */
  allowedOrigins: string[];
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${first.path.join('.')}: ${first.message}`);
  }
  const c = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.QUNFANG_TZ });
  } catch {
    throw new ConfigError(`Configuration error: QUNFANG_TZ: unknown time zone "${c.QUNFANG_TZ}"`);
  }
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    sqlitePath: c.QUNFANG_DB,
    databaseUrl: c.DATABASE_URL,
    adminPassword: c.QUNFANG_ADMIN_PASSWORD,
    demo: c.QUNFANG_DEMO,
    timeZone: c.QUNFANG_TZ,
    sessionHours: c.QUNFANG_SESSION_HOURS,
    cookieSecure: c.QUNFANG_COOKIE_SECURE,
    trustProxy: c.QUNFANG_TRUST_PROXY,
    allowedOrigins: c.QUNFANG_ALLOWED_ORIGINS ?? [],
    logLevel: c.LOG_LEVEL,
  });
}
