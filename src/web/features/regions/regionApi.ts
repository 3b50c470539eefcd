import type { RegionLevel } from '../../../shared/enums';
import type { Region } from '../../../shared/regions';
import { api, fetchAll, type Page } from '../../app/api';

/** One step of a node's breadcrumb, from GET /api/regions/:id. */
export interface Ancestor {
  id: string;
  name: string;
  level: RegionLevel;
  code: string;
}

export type RegionDetail = Region & { ancestors: Ancestor[] };

/** A list row; `pathNames` ("平遥县 / 古陶镇") is present when the server supplies it. */
export type RegionRow = Region & { pathNames?: string };

export type StatusFilter = 'active' | 'all';

export const regionApi = {
  roots: async () => (await api.get<{ items: Region[] }>('/regions/roots')).items,
  children: (parentId: string, status: StatusFilter) => fetchAll<Region>('/regions', { parentId, status, limit: 1000 }),
  search: async (q: string, under: string | undefined, status: StatusFilter, limit = 50) =>
    (await api.get<Page<RegionRow>>('/regions', { q, under, status, limit })).items,
  get: (id: string) => api.get<RegionDetail>(`/regions/${id}`),
};

/** The segments of a materialized path (`/140728000000/140728100000/`), top first. */
function pathSegments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * "平遥县 / 古陶镇" for a search hit: the server's `pathNames` when present, otherwise the names of the
 * ancestors already known to the client (path segments are codes or ids), falling back to the code.
 */
export function describePath(region: RegionRow, known: (segment: string) => Region | undefined): string {
  if (region.pathNames) return region.pathNames;
  const segments = pathSegments(region.path);
  const own = segments[segments.length - 1];
  const ancestors = own === region.code || own === region.id ? segments.slice(0, -1) : segments;
  return ancestors.map((segment) => known(segment)?.name ?? segment).join(' / ');
}
