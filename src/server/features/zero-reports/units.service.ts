import type { Db } from '../../db/database';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Role } from '../../../shared/enums';
import {
  ZERO_REPORT_UNIT_TYPES,
  type ZeroReportUnit,
  type ZeroReportUnitStatus,
  type ZeroReportUnitType,
} from '../../../shared/zero-reports';
import { reportsOfUnits } from './reports.repository';
import { getZeroReportSettings } from './settings.service';
import { listReportingUnits, townshipsOverlapping, type ReportingUnit } from './units.repository';
import { unitKey } from './figures.service';

/**
 * Who files which unit's report: the grid workers of a village (bound to the village or to one
 * of its grids), a checkpoint's crew, an isolation site's observers — and above them the township,
 * the command centre and admin. Jurisdiction decides which units (see mayReportFor).
 */
export const ROLES_THAT_REPORT: Record<ZeroReportUnitType, readonly Role[]> = {
  village: ['admin', 'command', 'township', 'grid'],
  checkpoint_site: ['admin', 'command', 'township', 'checkpoint'],
  isolation_site: ['admin', 'command', 'township', 'observer'],
};
export const ANY_REPORTING_ROLE: readonly Role[] = ['admin', 'command', 'township', 'grid', 'checkpoint', 'observer'];

/**
 * A unit is within a user's reach when it lies in their jurisdiction — or, for a village, when
 * their own node lies inside the village (a grid worker of one of its grids files the village's report).
 */
export function unitWithinReach(actor: Actor, unit: Pick<ReportingUnit, 'unitType' | 'regionPath'>): boolean {
  if (pathInScope(unit.regionPath, scopeOf(actor))) return true;
  return unit.unitType === 'village' && pathInScope(actor.regionPath, { prefix: unit.regionPath });
}

/** A user may file (and read the form of) a unit's report when their role files that kind of unit and the unit is within reach. */
export function mayReportFor(actor: Actor, unit: Pick<ReportingUnit, 'unitType' | 'regionPath'>): boolean {
  return ROLES_THAT_REPORT[unit.unitType].includes(actor.role) && unitWithinReach(actor, unit);
}

/** The township/street name of a path among the given townships, or null (a unit at county level). */
export function townshipOfPath(townships: readonly { id: string; name: string; path: string }[], path: string) {
  return townships.find((t) => path.startsWith(t.path)) ?? null;
}

/** A unit as the API shows it, with the township it lies in. */
export async function unitView(db: Db, unit: ReportingUnit): Promise<ZeroReportUnit> {
  const townships = await townshipsOverlapping(db, { prefix: unit.regionPath });
  return {
    unitType: unit.unitType,
    unitId: unit.unitId,
    name: unit.name,
    regionPath: unit.regionPath,
    townshipName: townshipOfPath(townships, unit.regionPath)?.name ?? null,
  };
}

/**
 * The units a user files reports for, with where each one's report of `day` stands: a grid worker
 * their village, a checkpoint crew the checkpoints of their jurisdiction, an observer the isolation
 * sites, a township cadre or the command centre every reporting unit below them.
 */
export async function listMyUnits(db: Db, actor: Actor, day: string): Promise<ZeroReportUnitStatus[]> {
  const settings = await getZeroReportSettings(db);
  const kinds = ZERO_REPORT_UNIT_TYPES.filter(
    (k) => settings.unitKinds.includes(k) && ROLES_THAT_REPORT[k].includes(actor.role),
  );
  const scope = scopeOf(actor);
  const units = await listReportingUnits(db, scope, kinds, { enclosingVillage: true });
  const townships = await townshipsOverlapping(db, scope);
  const reports = new Map(
    (
      await reportsOfUnits(
        db,
        day,
        units.map((u) => u.unitId),
      )
    ).map((r) => [unitKey(r.unit_type, r.unit_id), r]),
  );
  return units.map((u) => {
    const r = reports.get(unitKey(u.unitType, u.unitId));
    return {
      unitType: u.unitType,
      unitId: u.unitId,
      name: u.name,
      regionPath: u.regionPath,
      townshipName: townshipOfPath(townships, u.regionPath)?.name ?? null,
      report: r
        ? { id: r.id, version: Number(r.version), onTime: Boolean(Number(r.on_time)), submittedAt: r.submitted_at }
        : null,
    };
  });
}
