import { z } from 'zod';
import { Locale, Role, UserStatus } from './enums';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, 'username: 3–32 letters, digits, _ . -');
/** At least 8 characters with a letter and a digit; the server also refuses common and guessable ones. */
export const Password = z.string().min(8).max(128);
const MobilePhone = z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile');

/** A user as lists show it: the phone is masked unless revealed (an audited action). */
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  regionId: z.string().nullable(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  phone: z.string().nullable(),
  status: UserStatus,
  locale: Locale,
  lockedUntil: z.string().nullable(),
  /** the password was set by someone else; the user must change it at the next login */
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserCreateInput = z.object({
  username: Username,
  displayName: nameText(50),
  role: Role,
  regionId: z.string().uuid().nullable(),
  phone: MobilePhone.nullable().optional(),
  password: Password,
  locale: Locale.default('zh-CN'),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserUpdateInput = z.object({
  displayName: nameText(50).optional(),
  role: Role.optional(),
  regionId: z.string().uuid().nullable().optional(),
  phone: MobilePhone.nullable().optional(),
  status: UserStatus.optional(),
  locale: Locale.optional(),
  password: Password.optional(),
});
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const UserListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: Role.optional(),
  regionId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** Who is logged in, with the region they are bound to (their jurisdiction). */
export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  locale: Locale,
  /** until the user changes the password someone else set, the API answers only /api/auth/* */
  mustChangePassword: z.boolean(),
  /** the county's IANA time zone (QUNFANG_TZ): every time the web shows is in it, whatever the device's zone */
  timeZone: z.string(),
  region: z
    .object({ id: z.string(), name: z.string(), code: z.string(), level: z.string(), path: z.string() })
    .nullable(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordInput = z.object({ oldPassword: z.string().min(1).max(128), newPassword: Password });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** Passwords need 8+ characters with at least one letter and one digit. */
export function passwordIsStrong(password: string): boolean {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password);
}
