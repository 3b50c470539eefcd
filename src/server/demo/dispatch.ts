import type { Db } from '../db/database';
import { ManualClock, localDay, localDayStartMs, addDays, type Clock } from '../clock';
import type { Actor } from '../access/actor';
import { assignDispatchItem, completeDispatchItem } from '../features/dispatch';
import { drawDispatch } from '../features/dispatch';

/**
 * Dispatch sheets in the demo county (一日两调度), drawn by the county command centre over the live
 * isolation data: yesterday's morning and evening sheets with every line handed out and most done,
 * and today's morning sheet (once it is past 08:00) with its first lines handed out.
 */
export interface DispatchDemoSummary {
  sheets: number;
  lines: number;
  done: number;
}

const HOUR = 3_600_000;

export async function buildDispatchDemo(db: Db, clock: Clock, timeZone: string): Promise<DispatchDemoSummary> {
  const command = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.region_id', 'regions.path'])
    .where('users.username', '=', 'command')
    .executeTakeFirst();
  if (!command) return { sheets: 0, lines: 0, done: 0 };
  const actor: Actor = {
    id: command.id,
    username: command.username,
    displayName: command.display_name,
    role: 'command',
    regionId: command.region_id,
    regionPath: command.path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
  const now = clock.now();
  const today = localDay(now, timeZone);
  const yesterday = addDays(today, -1);
  const at = (day: string, hour: number) => new Date(localDayStartMs(day, timeZone) + hour * HOUR);
  const draws: { day: string; slot: 'morning' | 'evening'; hour: number }[] = [
    { day: yesterday, slot: 'morning', hour: 8 },
    { day: yesterday, slot: 'evening', hour: 18 },
  ];
  if (at(today, 8).getTime() <= now.getTime()) draws.push({ day: today, slot: 'morning', hour: 8 });
  const summary: DispatchDemoSummary = { sheets: 0, lines: 0, done: 0 };
  const names = ['王建国（古陶镇）', '李秀英（疾控中心）', '张志强（卫健局）', '刘伟（公安局）'];
  for (const [i, d] of draws.entries()) {
    const drawClock = new ManualClock(at(d.day, d.hour));
    const { sheet } = await drawDispatch(db, drawClock, timeZone, actor, { slot: d.slot, day: d.day });
    summary.sheets++;
    summary.lines += sheet.items.length;
    const last = i === draws.length - 1;
    for (const [n, item] of sheet.items.entries()) {
      if (last && n >= 5) break;
      drawClock.set(at(d.day, d.hour + 0.25));
      if (!item.assigneeName) {
        await assignDispatchItem(db, drawClock, actor, item.id, {
          assigneeName: names[n % names.length]!,
          dueAt: at(d.day, d.hour + 4).toISOString(),
        });
      }
      // on a past sheet most lines were done within the day; a few still stand
      if (!last && n % 5 !== 4) {
        drawClock.set(at(d.day, d.hour + 2));
        await completeDispatchItem(db, drawClock, actor, item.id, { note: '已落实' });
        summary.done++;
      }
    }
  }
  return summary;
}
