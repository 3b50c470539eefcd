import { z } from 'zod';
import { Role } from './enums';

/**
 * Notices (通知 / 通告). An internal notice goes from the command centre or a township to the
 * users of a region subtree, optionally only some roles, and each addressee's reading is recorded
 * (read receipts). A public announcement (公告: scenic spots closed, buses stopped, gatherings
 * banned) is shown to anyone on the public page /a/<slug>, without login.
 */
export const NoticeKind = z.enum(['internal', 'public']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** 普通 / 紧急 / 特急 — how the inbox orders and marks it. */
const NoticeUrgency = z.enum(['routine', 'urgent', 'immediate']);

/** A notice is drafted, published (reaches its addressees or the public page), then possibly withdrawn. */
export const NoticeState = z.enum(['draft', 'published', 'withdrawn']);
export type NoticeState = z.infer<typeof NoticeState>;

/** Compose a notice: to a region subtree and (internal only) a set of roles — none means every role. */
export const NoticeDraft = z.object({
  kind: NoticeKind,
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  regionId: z.string().uuid(),
  roles: z.array(Role).max(8).default([]),
  urgency: NoticeUrgency.default('routine'),
  /** publish at once instead of saving a draft */
  publish: z.boolean().default(false),
});
export type NoticeDraft = z.infer<typeof NoticeDraft>;

/** Change a draft (a published notice is withdrawn and issued again instead). */
export const NoticeDraftChange = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  body: z.string().trim().min(1).max(5000).optional(),
  regionId: z.string().uuid().optional(),
  roles: z.array(Role).max(8).optional(),
  urgency: NoticeUrgency.optional(),
});
export type NoticeDraftChange = z.infer<typeof NoticeDraftChange>;

export const NoticeView = z.object({
  id: z.string(),
  kind: NoticeKind,
  title: z.string(),
  body: z.string(),
  urgency: NoticeUrgency,
  state: NoticeState,
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  roles: z.array(Role),
  /** the public page's slug (public announcements) */
  slug: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** when the asking user read it (inbox), null if not yet or not an addressee */
  readAt: z.string().nullable(),
  /** whether the asking user may publish, withdraw and see receipts */
  manageable: z.boolean(),
  /** whether it is addressed to the asking user (their inbox; opening it is a read receipt) */
  addressed: z.boolean(),
});
export type NoticeView = z.infer<typeof NoticeView>;

/** A row of the sender's list: the notice with how many addressees have read it. */
export const SentNotice = NoticeView.extend({ addressees: z.number().int(), read: z.number().int() });
export type SentNotice = z.infer<typeof SentNotice>;

export const NoticeListQuery = z.object({
  kind: NoticeKind.optional(),
  state: NoticeState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const InboxQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Who of the addressees has read a notice: per township, and each person. */
export const NoticeReceipts = z.object({
  addressees: z.number().int(),
  read: z.number().int(),
  byTownship: z.array(
    z.object({
      regionId: z.string().nullable(),
      name: z.string(),
      addressees: z.number().int(),
      read: z.number().int(),
    }),
  ),
  people: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      username: z.string(),
      role: Role,
      regionName: z.string().nullable(),
      township: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});
export type NoticeReceipts = z.infer<typeof NoticeReceipts>;

/** What the public page shows of an announcement: its text, who issued it and when — nothing else. */
export const PublicAnnouncement = z.object({
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  urgency: NoticeUrgency,
  regionName: z.string().nullable(),
  publishedAt: z.string(),
});
export type PublicAnnouncement = z.infer<typeof PublicAnnouncement>;
