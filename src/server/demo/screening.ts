import { type BulkTarget, insertMany, RowBuffer } from '../db/bulk-writes';
import type { AlertTable } from '../features/alerts';
import type { ReferralTable } from '../features/alerts';
import type { RegionRow } from '../features/regions';
import type { ScreeningCheckTable } from '../features/screening';
import type { UserTable } from '../features/users';
import type { PersonTag } from '../../shared/residents';
import type { Symptom, VisitOutcome } from '../../shared/screening';
import { TRANSPORT_LABELS } from '../features/residents';
import { isFever } from '../features/screening';
import type { Member } from './people';
import { Rng, TimedIds } from './random';
import type { GridPlan } from './tree';

/**
 * The demo's first door-to-door screening round (第一轮入户摸排), opened by the county command
 * centre over every township on the evening of 25 January 2020 for 26 January – 2 February, and
 * caught about four fifths of the way through: each grid's worker has called at their households
 * in order, some grids are done, a few are well behind; some doors went unanswered, and some of
 * those were called at again later. Every row is what `recordVisit` (features/screening) would
 * have written for the same calls — visits, per-person checks, the household's status in the
 * round, key-person tags and alerts — so the coverage, gaps, worker-progress and alert screens read
 * it as they read real work.
 */
export const DEMO_ROUND_NAME = '第一轮入户摸排';
const ROUND_CREATED_MS = Date.UTC(2020, 0, 25, 12, 0); // 20:00 Beijing, the night before
/** Visits run 08:00–18:00 Beijing time (00:00–10:00 UTC) on 26 January … 1 February. */
const FIRST_DAY_MS = Date.UTC(2020, 0, 26);
const DAYS = 7;
const DAY_MS = 86_400_000;
const WORKING_MINUTES = 600;

/** How the round looks at each scale; the small county gets more of everything rare so tests see it. */
const SCALE = {
  county: { fever: 0.0002, hubeiFever: 0.05, contact: 0.0002, notHome: 0.085, openNewest: 24, openOlder: 0.03 },
  small: { fever: 0.02, hubeiFever: 0.05, contact: 0.015, notHome: 0.1, openNewest: 2, openOlder: 0.1 },
} as const;
/** The small county's four grids: two done, one most of the way, one well behind. */
const SMALL_GRID_RATES = [1, 0.7, 1, 0.4];

const CONTACT_NOTES = [
  '1月下旬与武汉返乡人员同乘K603次列车',
  '参加亲属婚宴，同席有武汉返乡人员',
  '曾与湖北返乡人员共同聚餐',
  '与湖北来晋探亲人员有接触',
];

export interface ScreeningCounts {
  roundId: string;
  visits: number;
  visitedHouseholds: number;
  notHomeHouseholds: number;
  checks: number;
  alerts: number;
  openAlerts: number;
}

interface HouseholdAt {
  id: string;
  region_id: string;
  region_path: string;
  address: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** 36.0–37.2 °C, bunched around 36.5; a fever 37.3–39.1 °C. One decimal, as a thermometer reads. */
function temperature(rng: Rng, fever: boolean): number {
  const t = fever ? 37.3 + rng.triangular(0, 0.4, 1.8) : 36.0 + rng.triangular(0, 0.55, 1.2);
  return Math.round(t * 10) / 10;
}

export class DemoScreening {
  readonly roundId: string;
  private readonly ids: TimedIds;
  private readonly visits: RowBuffer<'screening_visits'>;
  private readonly checks: RowBuffer<'screening_checks'>;
  private readonly status: RowBuffer<'screening_household_status'>;
  private readonly alerts: AlertTable[] = [];
  /** the feverish people a visit sent to the clinic (转诊), each pointed at by its one alert */
  private readonly referrals: ReferralTable[] = [];
  private readonly rates: (typeof SCALE)[keyof typeof SCALE];
  private readonly counts = { visits: 0, visitedHouseholds: 0, notHomeHouseholds: 0, checks: 0 };
  private grid = { index: -1, rate: 1, reach: 0, days: DAYS, seen: 0, worker: '' };

  constructor(
    private readonly to: BulkTarget,
    private readonly rng: Rng,
    private readonly scale: keyof typeof SCALE,
    private readonly command: UserTable,
    private readonly gridUserOf: Map<string, UserTable>,
    /** the persons buffer (visits and checks point at persons and households) and the tags buffer */
    persons: RowBuffer<'persons'>,
    private readonly tags: RowBuffer<'person_tags'>,
    onRows: (n: number) => void,
  ) {
    this.ids = new TimedIds(new Rng(rng.nextUint32()));
    this.rates = SCALE[scale];
    this.roundId = this.ids.at(ROUND_CREATED_MS);
    this.visits = new RowBuffer(to, 'screening_visits', { onRows, before: persons });
    this.checks = new RowBuffer(to, 'screening_checks', { onRows, before: this.visits });
    this.status = new RowBuffer(to, 'screening_household_status', { onRows, before: this.checks });
  }

  /** The round over all townships, opened by the command centre. */
  async openRound(townships: RegionRow[]): Promise<void> {
    await insertMany(this.to, 'screening_rounds', [
      {
        id: this.roundId,
        name: DEMO_ROUND_NAME,
        start_date: '2020-01-26',
        end_date: '2020-02-02',
        status: 'open',
        region_path: this.command.region_path,
        created_by: this.command.id,
        created_at: iso(ROUND_CREATED_MS),
        closed_at: null,
      },
    ]);
    await insertMany(
      this.to,
      'screening_round_regions',
      townships.map((t) => ({ round_id: this.roundId, region_id: t.id, region_path: t.path })),
    );
  }

  /**
   * A grid's worker starts on their list: how far they will have got (all of it, most of it, or
   * well behind) and over how many days.
   */
  beginGrid(grid: GridPlan): void {
    const index = this.grid.index + 1;
    const households = grid.buildings.reduce((n, b) => n + b.rooms.length, 0);
    let rate: number;
    if (this.scale === 'small') rate = SMALL_GRID_RATES[index % SMALL_GRID_RATES.length]!;
    else {
      const u = this.rng.next();
      rate = u < 0.27 ? 1 : u < 0.35 ? 0.15 + 0.35 * this.rng.next() : 0.65 + 0.33 * this.rng.next();
    }
    // A finished grid finished on day 4–7; the others are still at it.
    const days = rate === 1 ? this.rng.int(4, DAYS) : DAYS;
    this.grid = {
      index,
      rate,
      reach: Math.round(rate * households),
      days,
      seen: 0,
      worker: this.gridUserOf.get(grid.row.id)!.id,
    };
  }

  /** A working moment of the grid's schedule: fraction 0–1 of its working days. */
  private momentOf(fraction: number): number {
    const minute = Math.min(
      this.grid.days * WORKING_MINUTES - 1,
      Math.floor(fraction * this.grid.days * WORKING_MINUTES),
    );
    const day = Math.floor(minute / WORKING_MINUTES);
    return FIRST_DAY_MS + day * DAY_MS + (minute % WORKING_MINUTES) * 60_000 + this.rng.int(0, 59_999);
  }

  /** An evening call-back (19:00–20:30 Beijing) a day after a door went unanswered, or the same evening on the last day. */
  private revisitAfter(ms: number): number {
    const day = Math.min(DAYS - 1, Math.floor((ms - FIRST_DAY_MS) / DAY_MS) + 1);
    return FIRST_DAY_MS + day * DAY_MS + 11 * 3_600_000 + this.rng.int(0, 90 * 60_000 - 1);
  }

  /** The calls at one household (in the grid's order), with each present member's check. */
  async household(h: HouseholdAt, members: Member[], memberIds: string[]): Promise<void> {
    const i = this.grid.seen++;
    if (i >= this.grid.reach) return; // not reached yet: a gap
    let at = this.momentOf((i + this.rng.next()) / this.grid.reach);
    let calls = 0;
    if (this.rng.chance(this.rates.notHome)) {
      await this.visit(h, at, 'not_home', [], members, memberIds);
      calls++;
      const back = this.grid.rate === 1 || this.rng.chance(0.4);
      if (!back) {
        // Still unanswered: perhaps a second call that evening or the next, perhaps not yet.
        if (this.rng.chance(0.5)) {
          at = this.revisitAfter(at);
          await this.visit(h, at, 'not_home', [], members, memberIds);
          calls++;
        }
        this.counts.notHomeHouseholds++;
        return this.pushStatus(h, 'not_home', calls, at);
      }
      at = this.revisitAfter(at);
    }
    await this.screen(h, at, members, memberIds);
    this.counts.visitedHouseholds++;
    return this.pushStatus(h, 'visited', calls + 1, at);
  }

  private async pushStatus(h: HouseholdAt, status: 'visited' | 'not_home', visits: number, lastMs: number) {
    await this.status.push({
      round_id: this.roundId,
      household_id: h.id,
      region_path: h.region_path,
      status,
      visits,
      last_visit_at: iso(lastMs),
      worker_id: this.grid.worker,
    });
  }

  /** Someone opened the door: a check for everyone, and the outcome a worker would choose. */
  private async screen(h: HouseholdAt, at: number, members: Member[], memberIds: string[]) {
    const hubei = members.findIndex((m) => m.tags.includes('hubei_travel'));
    const checks: Omit<ScreeningCheckTable, 'visit_id'>[] = members.map((m, k) => {
      const fromHubei = m.tags.includes('hubei_travel');
      const present = fromHubei || (!m.away && this.rng.chance(0.95));
      if (!present)
        return {
          person_id: memberIds[k]!,
          region_path: h.region_path,
          present: 0,
          temperature: null,
          symptoms: null,
          hubei_travel: 0,
          contact_history: 0,
          travel_note: null,
          temperature_missing: null,
          temperature_note: null,
        };
      const fever = this.rng.chance(fromHubei ? this.rates.hubeiFever : this.rates.fever);
      const symptoms: Symptom[] = fever
        ? [
            'fever',
            ...(this.rng.chance(0.5) ? ['cough' as const] : []),
            ...(this.rng.chance(0.3) ? ['fatigue' as const] : []),
          ]
        : this.rng.chance(0.01)
          ? [this.rng.chance(0.7) ? 'cough' : 'sore_throat']
          : [];
      let contact = false;
      let note: string | null = null;
      if (fromHubei && m.returnee) {
        const [, mo, d] = m.returnee.arrivalDate.split('-');
        note = `${Number(mo)}月${Number(d)}日自${m.returnee.from}返回（${TRANSPORT_LABELS[m.returnee.transport]}${m.returnee.transportNo ? ' ' + m.returnee.transportNo : ''}）`;
      } else if (hubei >= 0) {
        contact = true;
        note = `与湖北返乡人员${members[hubei]!.name}同住`;
      } else if (this.rng.chance(this.rates.contact)) {
        contact = true;
        note = this.rng.pick(CONTACT_NOTES);
      }
      return {
        person_id: memberIds[k]!,
        region_path: h.region_path,
        present: 1,
        temperature: temperature(this.rng, fever),
        symptoms: symptoms.length ? JSON.stringify(symptoms) : null,
        hubei_travel: fromHubei ? 1 : 0,
        contact_history: contact ? 1 : 0,
        travel_note: note,
        temperature_missing: null,
        temperature_note: null,
      };
    });
    const anyFever = checks.some((c) =>
      isFever({ temperature: c.temperature, symptoms: c.symptoms ? JSON.parse(c.symptoms) : [] }),
    );
    const outcome: VisitOutcome = anyFever
      ? this.rng.chance(0.7)
        ? 'refer'
        : 'key_person'
      : checks.some((c) => c.hubei_travel || c.contact_history)
        ? 'key_person'
        : 'no_risk';
    await this.visit(h, at, outcome, checks, members, memberIds);
  }

  /**
   * One visit row and its checks, with recordVisit's consequences: a fever, Hubei travel or contact
   * history — or any present person when the outcome is "key person" — tags the person a key person
   * (adding only tags they lack) and raises an alert; a referral gives each feverish person a
   * referral record that their one alert points at.
   */
  private async visit(
    h: HouseholdAt,
    at: number,
    outcome: VisitOutcome,
    checks: Omit<ScreeningCheckTable, 'visit_id'>[],
    members: Member[],
    memberIds: string[],
  ) {
    const id = this.ids.at(at);
    const when = iso(at);
    await this.visits.push({
      id,
      round_id: this.roundId,
      household_id: h.id,
      region_id: h.region_id,
      region_path: h.region_path,
      visited_at: when,
      worker_id: this.grid.worker,
      outcome,
      note: null,
      created_at: when,
    });
    this.counts.visits++;
    for (const c of checks) {
      await this.checks.push({ visit_id: id, ...c });
      this.counts.checks++;
      const fever = isFever({ temperature: c.temperature, symptoms: c.symptoms ? JSON.parse(c.symptoms) : [] });
      const tags: PersonTag[] = [];
      if (fever) tags.push('fever');
      if (c.hubei_travel) tags.push('hubei_travel');
      if (c.contact_history) tags.push('contact_history');
      if (tags.length === 0 && !(outcome === 'key_person' && c.present)) continue;
      tags.push('key_person');
      const k = memberIds.indexOf(c.person_id);
      for (const tag of tags) {
        if (!members[k]!.tags.includes(tag))
          await this.tags.push({
            person_id: c.person_id,
            tag,
            region_path: h.region_path,
            source: 'screening',
            created_at: when,
          });
      }
      const why =
        [
          fever ? `发热 ${c.temperature ?? ''}℃`.trim() : null,
          c.hubei_travel ? '湖北旅居史' : null,
          c.contact_history ? '接触史' : null,
        ]
          .filter(Boolean)
          .join('、') || '入户排查标记';
      const alert = this.alert(
        at,
        fever ? 'fever' : 'key_person',
        c.person_id,
        h.region_path,
        id,
        `重点人员：${members[k]!.name}（${why}），${h.address}`,
      );
      if (fever && outcome === 'refer') {
        alert.referral_id = this.ids.at(at);
        this.referrals.push({
          id: alert.referral_id,
          person_id: c.person_id,
          person_name: members[k]!.name,
          region_path: h.region_path,
          source_type: 'screening_visit',
          source_id: id,
          reason: why,
          facility: null,
          referred_at: when,
          referred_by: this.grid.worker,
          outcome: null,
          outcome_at: null,
          outcome_note: null,
          outcome_by: null,
          case_id: null,
          created_at: when,
          updated_at: when,
        });
      }
    }
  }

  private alert(
    at: number,
    kind: 'fever' | 'key_person',
    personId: string | null,
    regionPath: string,
    visitId: string,
    message: string,
  ): AlertTable {
    const alert: AlertTable = {
      id: this.ids.at(at),
      kind,
      person_id: personId,
      region_path: regionPath,
      source_type: 'screening_visit',
      source_id: visitId,
      message,
      created_at: iso(at),
      acknowledged_at: null,
      acknowledged_by: null,
      referral_id: null,
    };
    this.alerts.push(alert);
    return alert;
  }

  /**
   * Write what is still buffered, then the alerts: the command centre has acknowledged most of
   * them within a few hours; the newest few dozen, and a scattering of older ones, are still open.
   */
  async finish(): Promise<ScreeningCounts> {
    await this.status.flush();
    await this.tags.flush();
    const alerts = [...this.alerts].sort((a, b) => (a.id < b.id ? -1 : 1));
    let open = 0;
    alerts.forEach((a, k) => {
      if (k >= alerts.length - this.rates.openNewest || this.rng.chance(this.rates.openOlder)) {
        open++;
        return;
      }
      a.acknowledged_at = iso(Date.parse(a.created_at) + this.rng.int(5, 240) * 60_000);
      a.acknowledged_by = this.command.id;
    });
    // a settled referral came back from the fever clinic as excluded (排除) then
    const settled = new Map(alerts.filter((a) => a.referral_id && a.acknowledged_at).map((a) => [a.referral_id!, a]));
    await insertMany(
      this.to,
      'referrals',
      this.referrals.map((r) => {
        const a = settled.get(r.id);
        return a
          ? {
              ...r,
              facility: '县人民医院发热门诊',
              outcome: 'excluded' as const,
              outcome_at: a.acknowledged_at,
              outcome_note: '血常规、胸部 CT 未见异常',
              outcome_by: a.acknowledged_by,
              updated_at: a.acknowledged_at!,
            }
          : r;
      }),
    );
    await insertMany(this.to, 'alerts', alerts);
    return { roundId: this.roundId, ...this.counts, alerts: alerts.length, openAlerts: open };
  }
}
