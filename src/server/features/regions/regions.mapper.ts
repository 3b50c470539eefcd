import type { RegionRow } from './regions.table';
import { uuidv7 } from '../../ids';
import type { Region } from '../../../shared/regions';
import { pinyinOf, searchKeyOf } from '../../text';

export function toRegion(row: RegionRow & { child_count?: number | string | bigint | null }): Region {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    path: row.path,
    depth: row.depth,
    status: row.status,
    pinyin: row.pinyin,
    initials: row.initials,
    ...(row.child_count === undefined ? {} : { childCount: Number(row.child_count ?? 0) }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Derived name columns: pinyin, initials and the search key. */
export function nameColumns(name: string, code: string) {
  const { pinyin, initials } = pinyinOf(name);
  return { name, pinyin, initials, search_key: searchKeyOf(name, code) };
}

/** The codes along a path, top first: '/140728000000/140728100000/' → ['140728000000', '140728100000']. */
export function codesOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** A new active region row under `parent` (or a root), with its path, depth and search columns. */
export function newRegionRow(
  parent: RegionRow | null,
  level: RegionRow['level'],
  code: string,
  name: string,
  now: string,
): RegionRow {
  return {
    id: uuidv7(),
    parent_id: parent?.id ?? null,
    level,
    code,
    ...nameColumns(name, code),
    path: (parent?.path ?? '/') + code + '/',
    depth: parent ? parent.depth + 1 : 0,
    status: 'active',
    created_at: now,
    updated_at: now,
    retired_at: null,
  };
}
