import type { Selectable } from 'kysely';
import type { Locale, Role, UserStatus } from '../../../shared/enums';

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** null only for a global admin, whose jurisdiction is everything. */
  region_id: string | null;
  region_path: string;
  phone: string | null;
  password_hash: string;
  status: UserStatus;
  locale: Locale;
  /** superseded by login_throttle (0017): kept for old rows, cleared on a successful login or an unlock */
  failed_logins: number;
  locked_until: string | null;
  /** 1 when someone else chose the password (a reset, a new account): the next login must change it. */
  must_change_password?: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export type UserRow = Selectable<UserTable>;
