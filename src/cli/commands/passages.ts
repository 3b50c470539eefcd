import fs from 'node:fs';
import { loadConfig } from '../../server/config';
import { startOfLocalDay, systemClock } from '../../server/clock';
import { AppError } from '../../server/errors';
import { exportPassages } from '../../server/features/checkpoints';
import { cliActor } from '../actor';
import { withDb } from './with-db';

/**
 * `qunfang passages export --site ID|NAME --from … --to … [--out FILE] [--reveal]`: a site's
 * register as .xlsx. Times are ISO instants or local dates (YYYY-MM-DD, the county's day).
 */
export async function passagesExportCommand(opts: {
  site: string;
  from: string;
  to: string;
  out?: string;
  reveal?: boolean;
}): Promise<void> {
  const config = loadConfig();
  const instant = (text: string, endOfDay: boolean) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return new Date(startOfLocalDay(text, config.timeZone).getTime() + (endOfDay ? 24 * 3600_000 : 0)).toISOString();
    }
    const t = new Date(text);
    if (Number.isNaN(t.getTime()))
      throw new AppError('VALIDATION', { issues: [`--from/--to: "${text}" is not a date or time`] });
    return t.toISOString();
  };
  await withDb(async (db) => {
    const site = await db
      .selectFrom('checkpoint_sites')
      .select(['id', 'name'])
      .where((eb) =>
        eb.or([eb('name', '=', opts.site), ...(/^[0-9a-f-]{36}$/.test(opts.site) ? [eb('id', '=', opts.site)] : [])]),
      )
      .executeTakeFirst();
    if (!site) throw new AppError('SITE_NOT_FOUND', { site: opts.site });
    const file = opts.out ?? `${site.name}-${opts.from}-${opts.to}.xlsx`.replace(/[/\\:]/g, '-');
    const out = fs.createWriteStream(file);
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
    });
    const n = await exportPassages(
      db,
      systemClock,
      cliActor(),
      { siteId: site.id, from: instant(opts.from, false), to: instant(opts.to, true), reveal: !!opts.reveal },
      out,
      config.timeZone,
    );
    await done;
    console.log(`Exported ${n} passages of ${site.name} to ${file}.`);
  });
}
