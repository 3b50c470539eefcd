import type { RowBuffer } from '../db/bulk-writes';
import type { AlertTable, ReferralTable } from '../features/alerts';
import { FEVER_CELSIUS, type Symptom } from '../../shared/screening';
import { type Decision, iso, type PassageDraft, type SitePlan, type Stranger } from './checkpoint-model';
import type { Rng, TimedIds } from './random';
import { cachedPersonKeys } from './search-keys';

/**
 * PostgreSQL types of the two big tables' columns: the bulk writer sends them as one array per
 * column (unnest), which the server parses once instead of 65,000 parameters' worth of VALUES.
 */
export const PASSAGE_TYPES = {
  id: 'uuid',
  site_id: 'uuid',
  region_path: 'text',
  at: 'text',
  direction: 'text',
  plate: 'text',
  vehicle_type: 'text',
  origin: 'text',
  destination: 'text',
  purpose: 'text',
  disinfected: 'int',
  leaflet: 'int',
  decision: 'text',
  occupant_count: 'int',
  fever_count: 'int',
  recorder_id: 'uuid',
  created_at: 'text',
} as const;
export const OCCUPANT_TYPES = {
  passage_id: 'uuid',
  seq: 'int',
  person_id: 'uuid',
  region_path: 'text',
  name: 'text',
  id_number: 'text',
  phone: 'text',
  temperature: 'float8',
  symptoms: 'text',
  fever: 'int',
} as const;

/** A tag a checkpoint gives: first registrations' non_local / unverified_identity, a fever's fever + key_person. */
interface CheckpointTag {
  person_id: string;
  tag: 'non_local' | 'unverified_identity' | 'fever' | 'key_person';
  region_path: string;
  source: string;
  created_at: string;
}

/** 35.9–37.2 °C, bunched around 36.4 (forehead readings in the cold); a fever 37.3–39.1 °C. One decimal. */
function temperature(rng: Rng, fever: boolean): number {
  const t = fever ? FEVER_CELSIUS + rng.triangular(0, 0.4, 1.8) : 35.9 + rng.triangular(0, 0.5, 1.3);
  return Math.round(t * 10) / 10;
}

/**
 * Writes passages with their occupants and the persons a checkpoint first registers, and collects
 * the tags and alerts they give rise to (written once every passage is in).
 */
export class PassageRecorder {
  sink!: { persons: RowBuffer<'persons'>; passages: RowBuffer<'passages'>; occupants: RowBuffer<'passage_occupants'> };
  readonly alerts: AlertTable[] = [];
  /** a fever sent to the clinic: its referral record, which its one alert points at */
  readonly referrals: ReferralTable[] = [];
  readonly tags: CheckpointTag[] = [];
  readonly counts = { passages: 0, occupants: 0, persons: 0, fevers: 0 };

  constructor(
    private readonly rng: Rng,
    private readonly ids: TimedIds,
    private readonly scale: 'small' | 'county',
    private readonly feverRate: number,
  ) {}

  /**
   * A stranger's person row, created where a checkpoint first registers them: by ID number (tagged
   * non_local), or without one by name and phone (identity not verified: no sex or birth date known).
   */
  private async personOf(s: Stranger, site: SitePlan, at: string): Promise<string | null> {
    if (!s.idNumber && !s.phone) return null;
    if (s.personId) return s.personId;
    const id = this.ids.at(Date.parse(at));
    const verified = !!s.idNumber;
    await this.sink.persons.push({
      id,
      household_id: null,
      region_id: site.row.region_id,
      region_path: site.row.region_path,
      name: s.name,
      sex: verified ? s.sex : null,
      birth_date: verified ? s.birthDate : null,
      id_type: 'resident_id',
      id_number: s.idNumber,
      nationality: null,
      phone: s.phone,
      relation: null,
      away: 0,
      returnee_from: null,
      arrival_date: null,
      transport: null,
      transport_no: null,
      note: `首次登记于卡口：${site.row.name}`,
      ...cachedPersonKeys(s.name, s.idNumber, s.phone),
      created_at: at,
      updated_at: at,
    });
    this.tags.push({
      person_id: id,
      tag: verified ? 'non_local' : 'unverified_identity',
      region_path: site.row.region_path,
      source: 'checkpoint',
      created_at: at,
    });
    s.personId = id;
    s.personPath = site.row.region_path;
    this.counts.persons++;
    return id;
  }

  async write(site: SitePlan, at: number, draft: PassageDraft): Promise<void> {
    const rng = this.rng;
    const id = this.ids.at(at);
    const created = iso(at + rng.int(2, 40) * 1000);
    // The small county gets its fever early on, so that every screen has one.
    const fever =
      !draft.fixed &&
      (rng.chance(this.feverRate) ||
        (this.scale === 'small' && this.counts.fevers === 0 && this.counts.passages === 150));
    let decision: Decision = 'pass';
    if (fever) decision = 'referred';
    else if (!draft.fixed && rng.chance(draft.isolate ?? 0)) decision = 'isolated';
    else if (!draft.fixed && rng.chance(draft.turnBack)) decision = 'turned_back';
    const feverSeat = fever ? rng.int(0, draft.occupants.length - 1) : -1;
    const vehicle = draft.vehicleType !== 'none';
    const plateNote = draft.plate ? '，车辆 ' + draft.plate : '';
    let fevers = 0;
    const rows = [];
    for (const [seq, o] of draft.occupants.entries()) {
      let personId: string | null = null;
      let personPath: string | null = null;
      let name: string;
      let idNumber: string | null = null;
      let phone: string | null = null;
      if (o.resident) {
        personId = o.resident.id;
        personPath = o.resident.region_path;
        name = o.resident.name;
        idNumber = o.resident.id_number;
        phone = rng.chance(0.6) ? o.resident.phone : null;
      } else if (o.stranger) {
        personId = await this.personOf(o.stranger, site, created);
        personPath = o.stranger.personPath;
        name = o.stranger.name;
        idNumber = o.stranger.idNumber;
        phone = o.stranger.phone;
      } else name = o.name ?? '无名';
      const hot = seq === feverSeat;
      const t = temperature(rng, hot);
      const symptoms: Symptom[] = hot
        ? ['fever', ...(rng.chance(0.4) ? ['cough' as const] : []), ...(rng.chance(0.2) ? ['fatigue' as const] : [])]
        : rng.chance(0.002)
          ? ['cough']
          : [];
      if (hot) {
        fevers++;
        this.counts.fevers++;
        if (personId) {
          const path = personPath ?? site.row.region_path;
          for (const tag of ['fever', 'key_person'] as const)
            this.tags.push({ person_id: personId, tag, region_path: path, source: 'checkpoint', created_at: created });
        }
        const alert = this.alert(
          created,
          'fever',
          personId,
          site,
          id,
          `卡口发热：${name}（${t}℃），${site.row.name}${plateNote}`,
        );
        if (decision === 'referred') {
          alert.referral_id = this.ids.at(Date.parse(created));
          this.referrals.push({
            id: alert.referral_id,
            person_id: personId,
            person_name: name,
            region_path: site.row.region_path,
            source_type: 'passage',
            source_id: id,
            reason: `发热 ${t}℃`,
            facility: null,
            referred_at: iso(at),
            referred_by: site.recorderId,
            outcome: null,
            outcome_at: null,
            outcome_note: null,
            outcome_by: null,
            case_id: null,
            created_at: created,
            updated_at: created,
          });
        }
        this.alerts.push(alert);
      }
      rows.push({
        passage_id: id,
        seq,
        person_id: personId,
        region_path: site.row.region_path,
        name,
        id_number: idNumber,
        phone,
        temperature: t,
        symptoms: symptoms.length ? JSON.stringify(symptoms) : null,
        fever: hot ? 1 : 0,
      });
    }
    await this.sink.passages.push({
      id,
      site_id: site.row.id,
      region_path: site.row.region_path,
      at: iso(at),
      direction: draft.direction,
      plate: draft.plate,
      vehicle_type: draft.vehicleType,
      origin: draft.origin,
      destination: draft.destination,
      purpose: draft.purpose,
      disinfected: rng.chance(vehicle ? 0.95 : 0.6) ? 1 : 0,
      leaflet: rng.chance(draft.regular ? 0.5 : 0.9) ? 1 : 0,
      decision,
      occupant_count: rows.length,
      fever_count: fevers,
      recorder_id: site.recorderId,
      created_at: created,
    });
    for (const r of rows) await this.sink.occupants.push(r);
    this.counts.passages++;
    this.counts.occupants += rows.length;
  }

  private alert(
    created: string,
    kind: 'fever' | 'refer',
    personId: string | null,
    site: SitePlan,
    passageId: string,
    message: string,
  ): AlertTable {
    return {
      id: this.ids.at(Date.parse(created)),
      kind,
      person_id: personId,
      region_path: site.row.region_path,
      source_type: 'passage',
      source_id: passageId,
      message,
      created_at: created,
      acknowledged_at: null,
      acknowledged_by: null,
      referral_id: null,
    };
  }
}

/** A referral whose alert was settled came back from the county hospital's fever clinic as excluded (排除) then. */
export function finishReferrals(referrals: ReferralTable[], alerts: AlertTable[]): ReferralTable[] {
  const settled = new Map(alerts.filter((a) => a.referral_id && a.acknowledged_at).map((a) => [a.referral_id!, a]));
  return referrals.map((r) => {
    const a = settled.get(r.id);
    if (!a) return r;
    return {
      ...r,
      facility: '县人民医院发热门诊',
      outcome: 'excluded',
      outcome_at: a.acknowledged_at,
      outcome_note: '血常规、胸部 CT 未见异常',
      outcome_by: a.acknowledged_by,
      updated_at: a.acknowledged_at!,
    };
  });
}

/** The command centre acknowledged most checkpoint alerts within a few hours; the newest few, and some older ones, are open. */
export function finishAlerts(
  rng: Rng,
  alerts: AlertTable[],
  commandId: string | null,
  openNewest: number,
  openOlder: number,
): AlertTable[] {
  const sorted = [...alerts].sort((a, b) => (a.id < b.id ? -1 : 1));
  sorted.forEach((a, k) => {
    if (!commandId || k >= sorted.length - openNewest || rng.chance(openOlder)) return;
    a.acknowledged_at = iso(Date.parse(a.created_at) + rng.int(5, 240) * 60_000);
    a.acknowledged_by = commandId;
  });
  return sorted;
}
