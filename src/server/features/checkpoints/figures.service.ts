import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import { codesOfPath } from '../regions';
import { activeUnitsAt } from './figures.repository';
import type { dailyFiguresBySite } from './passages.repository';
import { listSites } from './sites.service';

type SiteFigures = Awaited<ReturnType<typeof dailyFiguresBySite>>[number];

/**
 * Roll a day's per-site figures up to the unit asked for: each site, or each township/village of
 * the jurisdiction. Sites with no passage that day are listed with zeros — a silent checkpoint is
 * itself worth a look.
 */
export async function figuresByUnit(db: Db, scope: Scope, rows: SiteFigures[], by: 'site' | 'township' | 'village') {
  const zero = { vehicles: 0, people: 0, fevers: 0, turnedBack: 0, referred: 0 };
  const add = (acc: typeof zero, r: SiteFigures) => {
    acc.vehicles += Number(r.vehicles ?? 0);
    acc.people += Number(r.people ?? 0);
    acc.fevers += Number(r.fevers ?? 0);
    acc.turnedBack += Number(r.turned_back ?? 0);
    acc.referred += Number(r.referred ?? 0);
  };
  if (by === 'site') {
    const sites = await listSites(db, scope, {});
    return sites.map((s) => {
      const acc = { ...zero };
      for (const r of rows.filter((x) => x.site_id === s.id)) add(acc, r);
      return { regionId: s.region_id, siteId: s.id, name: s.name, ...acc };
    });
  }
  const units = await activeUnitsAt(db, scope, by);
  const byPath = new Map(units.map((u) => [u.path, { regionId: u.id, siteId: null, name: u.name, ...zero }]));
  for (const r of rows) {
    const codes = codesOfPath(r.region_path);
    for (let n = codes.length; n > 0; n--) {
      const unit = byPath.get('/' + codes.slice(0, n).join('/') + '/');
      if (unit) {
        add(unit, r);
        break;
      }
    }
  }
  return [...byPath.values()];
}
