import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { Site, SiteInput } from '../../../shared/checkpoints';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findSiteInScope,
  insertSite,
  listSitesInScope,
  repathShiftsOfSite,
  type SiteRow,
  updateSite,
} from './sites.repository';

export const ROLES_THAT_MANAGE_SITES = ['admin', 'command', 'township'] as const;
export const ROLES_AT_THE_BARRIER = ['admin', 'command', 'township', 'checkpoint'] as const;

/** A site in the jurisdiction, or SITE_NOT_FOUND (a site out of scope is not told apart from none). */
export async function getSite(db: Db, scope: Scope, id: string): Promise<SiteRow> {
  const site = await findSiteInScope(db, scope, id);
  if (!site) throw new AppError('SITE_NOT_FOUND');
  return site;
}

/** The sites in the jurisdiction: under a region, of a kind, open or closed (at most 2,000). */
export const listSites = listSitesInScope;

export function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Site['kind'],
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    address: r.address,
    responsibleUnit: r.responsible_unit,
    leadName: r.lead_name,
    leadPhone: maskPhone(r.lead_phone),
    hours: r.hours,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** Register a checkpoint in a region of the actor's jurisdiction (a highway exit, a village entrance, a compound gate …). */
export async function saveSite(db: Db, clock: Clock, actor: Actor, input: SiteInput, id?: string): Promise<SiteRow> {
  const scope = scopeOf(actor);
  const siteId = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const now = clock.now().toISOString();
    const columns = {
      name: input.name,
      kind: input.kind,
      region_id: region.id,
      region_path: region.path,
      address: input.address ?? null,
      responsible_unit: input.responsibleUnit ?? null,
      lead_name: input.leadName ?? null,
      hours: input.hours,
      status: input.status,
      updated_at: now,
    };
    if (id) {
      const current = await getSite(trx, scope, id);
      await updateSite(trx, id, { ...columns, ...(input.leadPhone !== undefined && { lead_phone: input.leadPhone }) });
      if (current.region_path !== region.path) await repathShiftsOfSite(trx, id, region.path);
      await audit(trx, clock, actor, {
        action: 'checkpoint.site_update',
        entityType: 'checkpoint_site',
        entityId: id,
        regionPath: region.path,
      });
      return id;
    }
    const newId = uuidv7();
    await insertSite(trx, { id: newId, ...columns, lead_phone: input.leadPhone ?? null, created_at: now });
    await audit(trx, clock, actor, {
      action: 'checkpoint.site_create',
      entityType: 'checkpoint_site',
      entityId: newId,
      regionPath: region.path,
      details: { name: input.name, kind: input.kind },
    });
    return newId;
  });
  return getSite(db, scope, siteId);
}

export async function revealSitePhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const site = await getSite(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'checkpoint.site_reveal',
    entityType: 'checkpoint_site',
    entityId: id,
    regionPath: site.region_path,
    details: { field: 'leadPhone' },
  });
  return { field: 'leadPhone', value: site.lead_phone };
}
