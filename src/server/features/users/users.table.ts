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
  /**
   * @deprecated Superseded by login_throttle (migration 0015): neither read nor written any more.
   * The columns stay (with their defaults, 0 and null) until a later migration drops them.
   */
  failed_logins?: number;
  /** @deprecated See failed_logins. */
  locked_until?: string | null;
  /** 1 when someone else chose the password (a reset, a new account): the next login must change it. */
  must_change_password?: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}
