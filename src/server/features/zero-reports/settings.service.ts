import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import { DEFAULT_ZERO_REPORT_DEADLINE, ZERO_REPORT_UNIT_TYPES, ZeroReportSettings } from '../../../shared/zero-reports';
import { audit } from '../audit';
import { readSettings, upsertSettings } from '../settings';

/** Who may change the county's zero-report settings. */
export const ROLES_THAT_SET_ZERO_REPORTS = ['admin', 'command'] as const;

const DEADLINE_KEY = 'zero_report.deadline';
const UNIT_KINDS_KEY = 'zero_report.unit_kinds';

/**
 * The county's zero-report settings (table `settings`): the local time by which each day's report
 * is due (`zero_report.deadline`, default 10:00 — the reports' "每日上午10点前报送") and which kinds
 * of unit report (`zero_report.unit_kinds`, a JSON array; default all three). A value that does
 * not parse falls back to the default rather than stopping the reports.
 */
export async function getZeroReportSettings(db: Db): Promise<ZeroReportSettings> {
  const byKey = await readSettings(db, [DEADLINE_KEY, UNIT_KINDS_KEY]);
  let unitKinds: unknown = null;
  try {
    unitKinds = JSON.parse(byKey.get(UNIT_KINDS_KEY) ?? 'null');
  } catch {
    unitKinds = null;
  }
  const parsed = ZeroReportSettings.safeParse({
    deadline: byKey.get(DEADLINE_KEY) ?? DEFAULT_ZERO_REPORT_DEADLINE,
    unitKinds: unitKinds ?? [...ZERO_REPORT_UNIT_TYPES],
  });
  if (parsed.success) return parsed.data;
  const deadline = ZeroReportSettings.shape.deadline.safeParse(byKey.get(DEADLINE_KEY));
  const kinds = ZeroReportSettings.shape.unitKinds.safeParse(unitKinds);
  return {
    deadline: deadline.success ? deadline.data : DEFAULT_ZERO_REPORT_DEADLINE,
    unitKinds: kinds.success ? kinds.data : [...ZERO_REPORT_UNIT_TYPES],
  };
}

/** Change the settings (audited with the values before and after). */
export async function saveZeroReportSettings(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: ZeroReportSettings,
): Promise<ZeroReportSettings> {
  await db.transaction().execute(async (trx) => {
    const before = await getZeroReportSettings(trx);
    await upsertSettings(trx, { [DEADLINE_KEY]: input.deadline, [UNIT_KINDS_KEY]: JSON.stringify(input.unitKinds) });
    await audit(trx, clock, actor, {
      action: 'zero_report.settings',
      entityType: 'settings',
      entityId: 'zero_report',
      regionPath: actor.regionPath,
      details: { before, after: input },
    });
  });
  return getZeroReportSettings(db);
}
