import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import { BranchRules, DEFAULT_BRANCH_RULES } from '../../../shared/temp-branches';
import { audit } from '../audit';
import { readSetting, upsertSettings } from '../settings';

const KEY = 'temp_branches.rules';

/** The county's thresholds for the flags: the saved settings over the seeds' defaults (3, 7 days, 300, 1,000, 3). */
export async function branchRules(db: Db): Promise<BranchRules> {
  const value = await readSetting(db, KEY);
  if (value === undefined) return DEFAULT_BRANCH_RULES;
  const saved = BranchRules.partial().safeParse(JSON.parse(value));
  return { ...DEFAULT_BRANCH_RULES, ...(saved.success ? saved.data : {}) };
}

/** Replace the county's thresholds (audited); the flags follow them at once. */
export async function saveBranchRules(db: Db, clock: Clock, actor: Actor, rules: BranchRules): Promise<BranchRules> {
  await db.transaction().execute(async (trx) => {
    await upsertSettings(trx, { [KEY]: JSON.stringify(rules) });
    await audit(trx, clock, actor, { action: 'temp_branch.rules', details: rules });
  });
  return branchRules(db);
}
