import { systemClock } from '../../server/clock';
import { AppError } from '../../server/errors';
import { findRegionByCode } from '../../server/features/regions';
import { createUser } from '../../server/features/users';
import { UserCreateInput } from '../../shared/users';
import { cliActor } from '../actor';
import { withDb } from './with-db';

export async function userAddCommand(opts: {
  username: string;
  password: string;
  role: string;
  name?: string;
  region?: string;
  phone?: string;
}): Promise<void> {
  await withDb(async (db) => {
    let regionId: string | null = null;
    if (opts.region) {
      const region = await findRegionByCode(db, opts.region);
      if (!region) throw new AppError('REGION_NOT_FOUND', { code: opts.region });
      regionId = region.id;
    }
    const parsed = UserCreateInput.safeParse({
      username: opts.username,
      password: opts.password,
      role: opts.role,
      displayName: opts.name ?? opts.username,
      regionId,
      phone: opts.phone ?? null,
    });
    if (!parsed.success)
      throw new AppError('VALIDATION', {
        issues: parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`),
      });
    const user = await createUser(db, systemClock, cliActor(), parsed.data);
    console.log(`Created user ${user.username} (${user.role}) bound to ${user.region_name ?? 'the whole database'}.`);
  });
}
