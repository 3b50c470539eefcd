import { z } from 'zod';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/**
 * 包保责任制 / 四包一: one or more answerable persons for a region node — county leaders for a
 * township, township cadres for a village, village cadres for grids and households.
 */
export const Responsibility = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  regionLevel: z.string(),
  regionPath: z.string(),
  personName: z.string(),
  post: z.string(),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Responsibility = z.infer<typeof Responsibility>;

export const ResponsibilityInput = z.object({
  regionId: z.string().uuid(),
  personName: nameText(50),
  post: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  userId: z.string().uuid().nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type ResponsibilityInput = z.infer<typeof ResponsibilityInput>;

/** A change: fields left out keep their value (the client only ever sees a masked phone). */
export const ResponsibilityUpdateInput = ResponsibilityInput.partial();
export type ResponsibilityUpdateInput = z.infer<typeof ResponsibilityUpdateInput>;

export const ResponsibilityListQuery = z.object({
  regionId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

/** The gaps view: every active node in scope with nobody answerable for it. */
export const GapQuery = z.object({
  level: z.enum(['province', 'city', 'county', 'township', 'village', 'grid', 'building']).optional(),
  under: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
});
export type GapQuery = z.infer<typeof GapQuery>;
