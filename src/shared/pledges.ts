import { z } from 'zod';
import type { Role } from './enums';
import { nameText } from './text';
import { ReportingPost } from './reporting';

/**
 * 请战书: a party member, a doctor or a volunteer — any registry person — signs a pledge on a phone
 * (the unit's text, the date, a drawn signature), from the unit's public link or with a cadre. Units
 * list and print them (A4), and turn one into an assignment in one action: a 报到 post in the
 * signer's community, or a checkpoint shift.
 */

/** Who keeps pledge units and pledges, prints them and turns them into assignments. */
export const ROLES_THAT_KEEP_PLEDGES: readonly Role[] = ['admin', 'command', 'organisation', 'township'];

/** The largest signature accepted (a drawn signature as PNG is typically 5–40 KB). */
export const MAX_SIGNATURE_BYTES = 300 * 1024;

/** The standard text a unit starts from (it may edit it; a pledge keeps the text as signed). */
export const STANDARD_PLEDGE_TEXT =
  '在新型冠状病毒感染的肺炎疫情防控的关键时刻，我自愿请战：服从组织安排，坚守岗位，冲锋在前，' +
  '不计报酬，无论生死，做到哪里有困难、哪里就有我，坚决打赢疫情防控阻击战。';

const PledgeText = z.string().trim().min(10).max(2000);

export const PledgeUnitInput = z.object({
  name: nameText(80),
  /** the region whose jurisdiction the unit falls under */
  regionId: z.string().uuid(),
  text: PledgeText.optional(),
});
export type PledgeUnitInput = z.infer<typeof PledgeUnitInput>;

export const PledgeUnitUpdate = z.object({ name: nameText(80).optional(), text: PledgeText.optional() });
export type PledgeUnitUpdate = z.infer<typeof PledgeUnitUpdate>;

export const PledgeUnit = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionPath: z.string(),
  text: z.string(),
  slug: z.string(),
  /** the public signing page's path */
  path: z.string(),
  pledges: z.number().int(),
  updatedAt: z.string(),
});
export type PledgeUnit = z.infer<typeof PledgeUnit>;

/**
 * A signature as the canvas gives it: a data URL `data:image/png;base64,…`. The server decodes it
 * and checks the bytes itself (the PNG signature, the header, the size); the prefix is not trusted.
 */
const SignatureDataUrl = z
  .string()
  .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 100)
  .regex(/^data:[a-z/+.-]+;base64,[A-Za-z0-9+/=]+$/, 'signature: a base64 data URL');

/** Signing from the unit's public link: name and ID number are checked against the registry. */
export const PublicPledgeInput = z.object({
  name: nameText(50),
  idNumber: z.string().trim().toUpperCase().min(15).max(18),
  signature: SignatureDataUrl,
});
export type PublicPledgeInput = z.infer<typeof PublicPledgeInput>;

/** Signing with a cadre (logged in): the same, for a unit of their jurisdiction. */
export const PledgeInput = PublicPledgeInput.extend({ unitId: z.string().uuid() });
export type PledgeInput = z.infer<typeof PledgeInput>;

/**
 * 代签/现场签署: a cadre picks the signer from the registry and may adapt the unit's text for them;
 * the person signs on the cadre's tablet. The text is kept as signed.
 */
export const OnSitePledgeInput = z.object({
  unitId: z.string().uuid(),
  personId: z.string().uuid(),
  text: PledgeText,
  signature: SignatureDataUrl,
});
export type OnSitePledgeInput = z.infer<typeof OnSitePledgeInput>;

export const PledgeAssignment = z.object({
  kind: z.enum(['report_post', 'shift']),
  ref: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

export const Pledge = z.object({
  id: z.string(),
  serial: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked */
  idNumber: z.string().nullable(),
  /** the signer's branch when they are a party member, else null */
  partyOrganisation: z.string().nullable(),
  text: z.string(),
  signedOn: z.string(),
  signedAt: z.string(),
  source: z.enum(['link', 'cadre']),
  assignment: PledgeAssignment.nullable(),
});
export type Pledge = z.infer<typeof Pledge>;

export const PledgeQuery = z.object({
  unitId: z.string().uuid().optional(),
  assigned: z.enum(['yes', 'no']).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PledgeQuery = z.infer<typeof PledgeQuery>;

/** The unit's public signing page: its name and the text to sign. Nothing private. */
export const PledgeUnitView = z.object({ unitName: z.string(), text: z.string() });
export type PledgeUnitView = z.infer<typeof PledgeUnitView>;

export const PublicPledgeResult = z.object({ serial: z.string(), unitName: z.string(), signedOn: z.string() });
export type PublicPledgeResult = z.infer<typeof PublicPledgeResult>;

/**
 * Turn a pledge into an assignment: a 报到 post in the signer's community (a party member of a unit
 * branch: reports them there if they had not) or a checkpoint shift.
 */
export const PledgeAssignInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('report_post'),
    post: ReportingPost,
    note: z.string().trim().max(100).nullable().optional(),
  }),
  z.object({
    kind: z.literal('shift'),
    shiftId: z.string().uuid(),
    note: z.string().trim().max(100).nullable().optional(),
  }),
]);
export type PledgeAssignInput = z.infer<typeof PledgeAssignInput>;
