import type { CertificateView, NecessityKind, SelfReportView } from '../../shared/isolation';
import type { Symptom } from '../../shared/screening';
import type { PublicSeekNotice, SelfReportToSeekNotice } from '../../shared/tracing';
import type { PublicAnnouncement } from '../../shared/notices';
import type { z } from 'zod';
import type { CalloutLinkView, CalloutPointResult, CalloutPointView } from '../../shared/callouts';
import type { PublicSignupPlace, PublicVolunteerSignup, VolunteerSelfLink } from '../../shared/volunteers';
import type { HoursDecision, SelfView } from '../../shared/volunteer-tasks';

/**
 * The no-login endpoints under /api/public. Only types come from src/shared: the runtime lists
 * below are checked against the shared enums by the compiler, so this bundle carries no zod.
 */
export type Lang = 'zh-CN' | 'en';
/** A seek notice as its public page shows it (src/shared/tracing.ts PublicSeekNotice). */
export type PublicSeekNoticeView = z.infer<typeof PublicSeekNotice>;
/** A public announcement (src/shared/notices.ts PublicAnnouncement). */
export type PublicAnnouncementView = z.infer<typeof PublicAnnouncement>;

export const SYMPTOMS = [
  'fever',
  'cough',
  'fatigue',
  'short_breath',
  'diarrhoea',
  'smell_taste',
  'sore_throat',
  'other',
] as const satisfies readonly Symptom[];
export const NEEDS = ['food', 'medicine', 'gas', 'other'] as const satisfies readonly NecessityKind[];
/** Fails to compile when the shared enums gain a value these lists lack. */
type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const LISTS_COMPLETE: [
  Exhaustive<Symptom, (typeof SYMPTOMS)[number]>,
  Exhaustive<NecessityKind, (typeof NEEDS)[number]>,
] = [true, true];

/** The shared bounds (src/shared/screening.ts MIN/MAX/FEVER_CELSIUS), repeated so no zod is loaded. */
export const MIN_CELSIUS = 34.0;
export const MAX_CELSIUS = 43.0;
export const FEVER_CELSIUS = 37.3;

/** A refusal from the API: its stable code, the message in the chosen language, and details. */
export class PublicError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function call<T>(lang: Lang, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/public${path}`, {
      method,
      headers: {
        'Accept-Language': lang,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    throw new PublicError(0, 'NETWORK', '');
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null)
      ?.error;
    throw new PublicError(
      response.status,
      error?.code ?? 'BAD_RESPONSE',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return data as T;
}

export const publicApi = {
  view: (lang: Lang, token: string) => call<SelfReportView>(lang, 'GET', `/self-report/${token}`),
  report: (lang: Lang, token: string, body: { temperature: number; symptoms: string[] }) =>
    call<{ seq: number; day: string; unwell: boolean }>(lang, 'POST', `/self-report/${token}`, body),
  ask: (lang: Lang, token: string, body: { kind: NecessityKind; detail: string | null }) =>
    call<{ id: string }>(lang, 'POST', `/self-report/${token}/necessities`, body),
  certificate: (lang: Lang, code: string) => call<CertificateView>(lang, 'GET', `/certificates/${code}`),
  seekNotice: (lang: Lang, slug: string) => call<PublicSeekNoticeView>(lang, 'GET', `/seek-notices/${slug}`),
  reportToSeekNotice: (lang: Lang, slug: string, body: SelfReportToSeekNotice) =>
    call<{ received: true }>(lang, 'POST', `/seek-notices/${slug}/reports`, body),
  announcements: (lang: Lang) => call<{ items: PublicAnnouncementView[] }>(lang, 'GET', '/announcements'),
  announcement: (lang: Lang, slug: string) => call<PublicAnnouncementView>(lang, 'GET', `/announcements/${slug}`),
  calloutLink: (lang: Lang, token: string) => call<z.infer<typeof CalloutLinkView>>(lang, 'GET', `/callouts/${token}`),
  answerCallout: (lang: Lang, token: string, body: unknown) =>
    call<z.infer<typeof CalloutLinkView>>(lang, 'POST', `/callouts/${token}`, body),
  calloutPoint: (lang: Lang, code: string) =>
    call<z.infer<typeof CalloutPointView>>(lang, 'GET', `/callouts/point/${code}`),
  checkInAtPoint: (lang: Lang, code: string, tokens: string[]) =>
    call<z.infer<typeof CalloutPointResult>>(lang, 'POST', `/callouts/point/${code}/arrive`, { tokens }),
  volunteerPlace: (lang: Lang, token: string) => call<PublicSignupPlace>(lang, 'GET', `/volunteer-signup/${token}`),
  volunteerSignup: (lang: Lang, token: string, body: PublicVolunteerSignup) =>
    call<{ received: true; selfLink: VolunteerSelfLink }>(lang, 'POST', `/volunteer-signup/${token}`, body),
  volunteerSelf: (lang: Lang, token: string) => call<SelfView>(lang, 'GET', `/volunteer-self/${token}`),
  volunteerSelfAct: (lang: Lang, token: string, rest: string, body?: unknown) =>
    call<SelfView>(lang, 'POST', `/volunteer-self/${token}${rest}`, body ?? {}),
  volunteerSelfDecide: (lang: Lang, token: string, hoursId: string, body: z.input<typeof HoursDecision>) =>
    call<SelfView>(lang, 'POST', `/volunteer-self/${token}/hours/${hoursId}/decision`, body),
};

let publicZone: string | undefined;

/** The county's zone, when the page's data says it: times are then shown in it, else in the phone's. */
export function setPublicTimeZone(zone: string): void {
  publicZone = zone;
}

/** "17:00" in the county's time (the phone's until the page knows the county's zone). */
export function clock(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: publicZone,
  }).format(new Date(iso));
}

/** "2020-01-26": an instant's day in the county (the phone's until the page knows the county's zone). */
export function dayOf(iso: string | Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: publicZone,
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}
