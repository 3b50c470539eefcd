import fs from 'node:fs';
import {
  RESIDENT_COLUMNS,
  RELATION_LABELS,
  SEX_LABELS,
  TAG_LABELS,
  TRANSPORT_LABELS,
} from '../src/server/features/residents/import/resident-columns';
import { IdNumbers, randomHousehold } from '../src/server/demo/people';
import { Rng } from '../src/server/demo/random';

/**
 * A generated resident roster (人员花名册) as a county would send it: the import template's
 * Chinese headers (RESIDENT_COLUMNS), one person a row, households of the demo generator (head,
 * spouse, children, parents — valid ID numbers, phones, returnees with their journey, elderly
 * living alone, chronic illness) laid out building by building over the given buildings, each
 * household a room of its building (1号, 2号 …). About half the rows also spell out sex and birth
 * date (agreeing with the ID number), as hand-kept rosters do. No cell contains a comma or a quote,
 * so every line is plain `split(',')` CSV — the baselines rely on that.
 */
export interface RosterFile {
  path: string;
  rows: number;
  households: number;
  bytes: number;
}

export function writeRosterCsv(
  path: string,
  buildingCodes: readonly string[],
  persons: number,
  seed = 20200126,
): RosterFile {
  if (buildingCodes.length === 0) throw new Error('no buildings to put the roster in');
  const rng = new Rng(seed);
  const ids = new IdNumbers();
  const fd = fs.openSync(path, 'w');
  let chunk: string[] = [RESIDENT_COLUMNS.map((c) => c.header).join(',')];
  let bytes = 0;
  const flush = () => {
    const text = chunk.join('\n') + '\n';
    bytes += fs.writeSync(fd, text);
    chunk = [];
  };
  let rows = 0;
  let households = 0;
  let building = -1;
  let room = 0;
  try {
    while (rows < persons) {
      // Buildings in order, each getting its share of the roster: the households of one building are adjacent.
      const b = Math.min(buildingCodes.length - 1, Math.floor((rows * buildingCodes.length) / persons));
      if (b !== building) {
        building = b;
        room = 0;
      }
      room++;
      households++;
      for (const m of randomHousehold(rng, ids)) {
        if (rows >= persons) break;
        const spelled = rng.chance(0.5);
        chunk.push(
          [
            m.name,
            spelled ? '居民身份证' : '',
            m.idNumber,
            '',
            spelled ? SEX_LABELS[m.sex] : '',
            spelled ? m.birthDate : '',
            m.phone ?? '',
            buildingCodes[building]!,
            `${room}号`,
            RELATION_LABELS[m.relation],
            m.tags.map((t) => TAG_LABELS[t]).join('、'),
            m.returnee?.from ?? '',
            m.returnee?.arrivalDate ?? '',
            m.returnee ? TRANSPORT_LABELS[m.returnee.transport] : '',
            m.returnee?.transportNo ?? '',
            m.away ? '外出务工' : '',
          ].join(','),
        );
        rows++;
        if (chunk.length >= 10_000) flush();
      }
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { path, rows, households, bytes };
}
