import type { Locale, Role } from '../../shared/enums';

/** The logged-in user as every service sees it, plus where the request came from (for the audit log). */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionId: string | null;
  regionPath: string;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  /** set on a session whose user must first change a password someone else chose */
  mustChangePassword?: boolean;
}
