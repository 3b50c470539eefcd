import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { NecessityKind, SelfReportView } from '../../shared/isolation';
import type { Tr } from './messages';
import {
  clock,
  dayOf,
  FEVER_CELSIUS,
  MAX_CELSIUS,
  MIN_CELSIUS,
  NEEDS,
  publicApi,
  PublicError,
  setPublicTimeZone,
  SYMPTOMS,
  type Lang,
} from './publicApi';

/** The typed temperature as °C, null when empty, NaN when no person can have it. */
function parseTemperature(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace('。', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= MIN_CELSIUS && value <= MAX_CELSIUS ? Math.round(value * 10) / 10 : NaN;
}

/** How many county days after `now` the instant falls: 0 today, 1 tomorrow … */
function daysAfter(iso: string, now: Date): number {
  return Math.round((Date.parse(dayOf(iso)) - Date.parse(dayOf(now))) / 86_400_000);
}

/**
 * 自报: the isolated person's page behind their link. Today's reports, the temperature and
 * symptoms when one is due (else when the next one is), and 需要帮助 — food, medicine, gas or other
 * — with the requests made so far and where they stand.
 */
export function SelfReport({ token, lang, tr }: { token: string; lang: Lang; tr: Tr }) {
  const [view, setView] = useState<SelfReportView | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const [nextDue, setNextDue] = useState<string | null>(null);
  const [need, setNeed] = useState<NecessityKind | null>(null);
  const [detail, setDetail] = useState('');
  const [asking, setAsking] = useState(false);
  const [helpNotice, setHelpNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const messageOf = (err: unknown) =>
    err instanceof PublicError && err.code !== 'NETWORK' ? err.message : tr('network');

  const load = useCallback(() => {
    publicApi
      .view(lang, token)
      .then((v) => {
        setPublicTimeZone(v.timeZone);
        setView(v);
        setFailure(null);
      })
      .catch((err: unknown) => setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')));
  }, [lang, token]);

  useEffect(load, [load]);

  if (failure && !view) {
    return (
      <section className="pub-card" data-testid="self-report-invalid">
        <p className="pub-error">
          {failure.code === 'NETWORK'
            ? tr('network')
            : failure.code === 'SELF_REPORT_LINK_INVALID'
              ? tr('invalidLink')
              : failure.message}
        </p>
        {failure.code === 'NETWORK' && (
          <button type="button" className="pub-button" onClick={load}>
            {tr('retry')}
          </button>
        )}
      </section>
    );
  }
  if (!view) return <p className="pub-card">{tr('loading')}</p>;

  const temp = parseTemperature(temperature);
  const invalid = Number.isNaN(temp);
  const fever = temp !== null && !invalid && temp >= FEVER_CELSIUS;
  const now = new Date();
  const nextPending = view.today
    .filter((s) => s.status === 'pending' && Date.parse(s.dueFrom) > now.getTime())
    .sort((a, b) => a.dueFrom.localeCompare(b.dueFrom))[0];
  const next = nextDue ?? view.nextDueFrom ?? nextPending?.dueFrom ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    if (temp === null || invalid) {
      setNotice({ kind: 'error', text: tr('tempInvalid') });
      return;
    }
    setSending(true);
    setNotice(null);
    try {
      const result = await publicApi.report(lang, token, { temperature: temp, symptoms });
      setNotice(
        result.unwell
          ? { kind: 'warn', text: tr('sentUnwell') }
          : { kind: 'ok', text: tr('sent', { temp: `${temp.toFixed(1)}℃` }) },
      );
      setTemperature('');
      setSymptoms([]);
      load();
    } catch (err) {
      if (err instanceof PublicError && err.code === 'NO_SLOT_OPEN') {
        const due = typeof err.details?.nextDueFrom === 'string' ? err.details.nextDueFrom : null;
        setNextDue(due);
        setNotice({ kind: 'error', text: err.message });
        load();
      } else setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setSending(false);
    }
  };

  const ask = async () => {
    if (!need || asking) return;
    setAsking(true);
    setHelpNotice(null);
    try {
      await publicApi.ask(lang, token, { kind: need, detail: detail.trim() || null });
      setHelpNotice({ kind: 'ok', text: tr('asked') });
      setNeed(null);
      setDetail('');
      load();
    } catch (err) {
      setHelpNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setAsking(false);
    }
  };

  return (
    <>
      <section className="pub-card">
        <h1 className="pub-hello" data-testid="self-report-name">
          {tr('hello', { name: view.name })}
        </h1>
        <p className="pub-muted">{tr('dayOf', { n: view.dayNumber, start: view.startDay, end: view.plannedEndDay })}</p>
        <h2>{tr('today')}</h2>
        {view.today.length === 0 && <p className="pub-muted">{tr('noMore')}</p>}
        <ul className="pub-slots" data-testid="self-report-slots">
          {view.today.map((s) => (
            <li key={s.seq} className={`pub-slot pub-slot-${s.status}`} data-status={s.status}>
              <span>
                {clock(s.dueFrom)}–{clock(s.dueTo)}
              </span>
              <strong className={s.temperature !== null && s.temperature >= FEVER_CELSIUS ? 'pub-fever' : undefined}>
                {s.status === 'filled'
                  ? tr('slotDone', { temp: s.temperature !== null ? `${s.temperature.toFixed(1)}℃` : '✓' })
                  : s.status === 'missed'
                    ? tr('slotMissed')
                    : s.status === 'cancelled'
                      ? tr('slotCancelled')
                      : tr('slotPending')}
              </strong>
            </li>
          ))}
        </ul>
        {notice && (
          <p className={`pub-notice pub-notice-${notice.kind}`} role="status" data-testid="self-report-notice">
            {notice.text}
          </p>
        )}
        {view.canReportNow ? (
          <form onSubmit={submit} data-testid="self-report-form">
            <h2>{tr('reportNow')}</h2>
            <label className="pub-label" htmlFor="pub-temp">
              {tr('temperature')}
            </label>
            <input
              id="pub-temp"
              className={`pub-temp${fever ? ' pub-temp-fever' : ''}${invalid ? ' pub-temp-invalid' : ''}`}
              inputMode="decimal"
              autoComplete="off"
              placeholder={tr('tempHint')}
              value={temperature}
              onChange={(e) => setTemperature(e.target.value)}
              data-testid="self-report-temp"
            />
            {invalid && <p className="pub-error">{tr('tempInvalid')}</p>}
            {fever && <p className="pub-error">{tr('fever')}</p>}
            <p className="pub-label">{tr('symptoms')}</p>
            <div className="pub-chips">
              {SYMPTOMS.map((s) => {
                const on = symptoms.includes(s);
                return (
                  <label key={s} className={`pub-chip${on ? ' pub-chip-on' : ''}`}>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() => setSymptoms(on ? symptoms.filter((x) => x !== s) : [...symptoms, s])}
                      data-testid={`self-report-symptom-${s}`}
                    />
                    {tr(`symptom.${s}`)}
                  </label>
                );
              })}
            </div>
            <button
              type="submit"
              className="pub-button pub-primary"
              disabled={sending}
              data-testid="self-report-submit"
            >
              {sending ? tr('sending') : tr('submit')}
            </button>
          </form>
        ) : (
          <div className="pub-next" data-testid="self-report-not-now">
            <p>{tr('notNow')}</p>
            {next ? (
              <p className="pub-next-time" data-testid="self-report-next">
                {daysAfter(next, now) === 0
                  ? tr('nextAt', { time: clock(next) })
                  : daysAfter(next, now) === 1
                    ? tr('nextTomorrow', { time: clock(next) })
                    : tr('nextOn', { day: dayOf(next), time: clock(next) })}
              </p>
            ) : (
              <p className="pub-next-time" data-testid="self-report-next">
                {tr('noMoreReports')}
              </p>
            )}
          </div>
        )}
      </section>

      {view.contact && (
        <section className="pub-card" data-testid="self-report-contact">
          <p>
            {tr(view.contact.role === 'observer' ? 'contactObserver' : 'contactResponsible', {
              name: view.contact.name,
            })}
          </p>
          <a className="pub-button pub-call" href={`tel:${view.contact.phone}`} data-testid="self-report-call">
            {tr('callPhone', { phone: view.contact.phone })}
          </a>
        </section>
      )}

      <section className="pub-card" data-testid="self-report-help">
        <h2>{tr('help')}</h2>
        <p className="pub-muted">{tr('helpHint')}</p>
        <div className="pub-needs">
          {NEEDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`pub-button${need === k ? ' pub-primary' : ''}`}
              aria-pressed={need === k}
              onClick={() => setNeed(need === k ? null : k)}
              data-testid={`self-report-need-${k}`}
            >
              {tr(`need.${k}`)}
            </button>
          ))}
        </div>
        {need && (
          <>
            <label className="pub-label" htmlFor="pub-detail">
              {tr('detail')}
            </label>
            <textarea
              id="pub-detail"
              className="pub-textarea"
              rows={2}
              maxLength={300}
              value={detail}
              onChange={(e) => setDetail(e.target.value)}
            />
            <button
              type="button"
              className="pub-button pub-primary"
              disabled={asking}
              onClick={() => void ask()}
              data-testid="self-report-ask"
            >
              {asking ? tr('sending') : tr('ask')}
            </button>
          </>
        )}
        {helpNotice && (
          <p className={`pub-notice pub-notice-${helpNotice.kind}`} role="status">
            {helpNotice.text}
          </p>
        )}
        {view.necessities.length > 0 && (
          <>
            <h3>{tr('myRequests')}</h3>
            <ul className="pub-requests">
              {view.necessities.map((n, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: shown as the server lists them, never reordered; a request has no id here
                <li key={`${n.requestedAt}-${i}`}>
                  <span>
                    {tr(`need.${n.kind}`)} · {dayOf(n.requestedAt)} {clock(n.requestedAt)}
                  </span>
                  <strong className={`pub-need-${n.status}`}>{tr(`needStatus.${n.status}`)}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
