import { useEffect, useState } from 'react';
import type { SelfView } from '../../shared/volunteer-tasks';
import { clock, publicApi, PublicError, type Lang } from './publicApi';
import { volunteerSelfEn, volunteerSelfZh, type VolunteerSelfKey } from './volunteer-self-messages';

type Hours = SelfView['recentHours'][number];

/** "1月25日 08:00" / "1/25 08:00" in the phone's time. */
function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return lang === 'en'
    ? `${d.getMonth() + 1}/${d.getDate()} ${clock(iso)}`
    : `${d.getMonth() + 1}月${d.getDate()}日 ${clock(iso)}`;
}

/** A photo as the raw body (the JSON helper does not carry files). */
async function sendPhoto(lang: Lang, token: string, taskId: string, file: File): Promise<SelfView> {
  const response = await fetch(`/api/public/volunteer-self/${token}/tasks/${taskId}/photo`, {
    method: 'POST',
    headers: { 'Accept-Language': lang, Accept: 'application/json', 'Content-Type': file.type || 'image/jpeg' },
    body: file,
    credentials: 'omit',
  });
  const data = await response.json().catch(() => null);
  if (!response.ok)
    throw new PublicError(response.status, data?.error?.code ?? 'BAD_RESPONSE', data?.error?.message ?? '');
  return data as SelfView;
}

/**
 * 我的志愿服务 (/vt/<token>): a volunteer's own page from their personal link, on a phone, without
 * logging in — their tasks with 签到 / 签退, 完成任务 with a note and a photo, their service record
 * and, for a group or team leader, the hours waiting for their decision.
 */
export function VolunteerSelf({ token, lang }: { token: string; lang: Lang }) {
  const dict = lang === 'en' ? volunteerSelfEn : volunteerSelfZh;
  const tr = (key: VolunteerSelfKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [view, setView] = useState<SelfView | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [finishing, setFinishing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [refusing, setRefusing] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const failureText = (err: PublicError) =>
    err.code === 'VOLUNTEER_SELF_LINK_EXPIRED'
      ? tr('expired')
      : err.code === 'VOLUNTEER_SELF_LINK_NOT_FOUND' || (err.code === 'VALIDATION' && !view)
        ? tr('notFound')
        : err.code === 'RATE_LIMITED'
          ? tr('tooMany')
          : err.code === 'NETWORK'
            ? tr('network')
            : err.message;

  useEffect(() => {
    let cancelled = false;
    publicApi
      .volunteerSelf(lang, token)
      .then((v) => !cancelled && setView(v))
      .catch(
        (err: unknown) =>
          !cancelled && setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')),
      );
    return () => {
      cancelled = true;
    };
  }, [lang, token]);

  if (failure && !view)
    return (
      <section className="pub-card" data-testid="vself-failure">
        <p className="pub-verdict pub-verdict-bad">{failureText(failure)}</p>
      </section>
    );
  if (!view) return <p className="pub-card">{tr('loading')}</p>;

  const run = async (action: () => Promise<SelfView>, done?: string) => {
    setProblem(null);
    setSaved(null);
    setBusy(true);
    try {
      setView(await action());
      if (done) setSaved(done);
      return true;
    } catch (err) {
      setProblem(failureText(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const finish = async (taskId: string) => {
    if (!note.trim()) return setProblem(tr('noteRequired'));
    const ok = await run(async () => {
      const next = await publicApi.volunteerSelfAct(lang, token, `/tasks/${taskId}/done`, { note: note.trim() });
      return photo ? sendPhoto(lang, token, taskId, photo) : next;
    }, tr('savedDone'));
    if (ok) {
      setFinishing(null);
      setNote('');
      setPhoto(null);
    }
  };
  const refuse = async (hoursId: string) => {
    if (!reason.trim()) return setProblem(tr('reasonRequired'));
    if (
      await run(() =>
        publicApi.volunteerSelfDecide(lang, token, hoursId, { decision: 'refuse', reason: reason.trim() }),
      )
    ) {
      setRefusing(null);
      setReason('');
    }
  };
  const open = view.openCheckIn;
  const openTitle = open ? (view.tasks.find((x) => x.id === open.taskId)?.title ?? '') : '';
  const duration = (m: number) => tr('minutes', { h: Math.floor(m / 60), m: m % 60 });
  const hoursLine = (h: Hours) => (
    <>
      <b>{h.taskTitle ?? tr(`kind.${h.kind}`)}</b> · {when(h.checkInAt, lang)} · {duration(h.minutes)} ·{' '}
      <span data-testid="vself-hours-status">{tr(`hours.${h.status}`)}</span>
      {h.autoClosed && <span className="pub-muted"> · {tr('autoClosed')}</span>}
      {h.refusalReason && <span className="pub-muted">（{h.refusalReason}）</span>}
    </>
  );

  return (
    <>
      <section className="pub-card">
        <h1>{tr('hello', { name: view.name })}</h1>
        <p className="pub-muted">{tr('validUntil', { at: when(view.expiresAt, lang) })}</p>
        {problem && (
          <p className="pub-notice pub-notice-error" role="alert" data-testid="vself-problem">
            {problem}
          </p>
        )}
        {saved && (
          <p className="pub-notice pub-notice-ok" role="status">
            {saved}
          </p>
        )}
        {open && (
          <div className="pub-notice pub-notice-ok" data-testid="vself-open">
            {tr('checkedIn', { title: openTitle, at: clock(open.checkInAt) })}
            <button
              type="button"
              className="pub-button pub-primary"
              disabled={busy}
              onClick={() => run(() => publicApi.volunteerSelfAct(lang, token, '/check-out'))}
              data-testid="vself-check-out"
            >
              {tr('checkOut')}
            </button>
          </div>
        )}
      </section>

      <section className="pub-card">
        <h2>{tr('tasks')}</h2>
        {view.tasks.length === 0 && <p className="pub-muted">{tr('noTasks')}</p>}
        {view.tasks.map((task) => (
          <div key={task.id} className="pub-body" data-testid="vself-task">
            <p>
              <b>{task.title}</b> · {tr(`kind.${task.kind}`)} · {tr(`status.${task.status}`)}
              <br />
              {task.place}
              {task.regionName ? `（${task.regionName}）` : ''}
              <br />
              <span className="pub-muted">
                {tr('window', { from: when(task.startsAt, lang), to: when(task.endsAt, lang) })}
              </span>
            </p>
            {!open && (
              <button
                type="button"
                className="pub-button pub-primary"
                disabled={busy}
                onClick={() => run(() => publicApi.volunteerSelfAct(lang, token, '/check-in', { taskId: task.id }))}
                data-testid="vself-check-in"
              >
                {tr('checkIn')}
              </button>
            )}
            {finishing === task.id ? (
              <div>
                <label className="pub-label" htmlFor="vself-note">
                  {tr('doneNote')}
                </label>
                <textarea
                  id="vself-note"
                  className="pub-textarea"
                  rows={3}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="vself-note"
                />
                <label className="pub-label" htmlFor="vself-photo">
                  {tr('photo')}
                </label>
                <input
                  id="vself-photo"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
                  data-testid="vself-photo"
                />
                <button
                  type="button"
                  className="pub-button pub-primary"
                  disabled={busy}
                  onClick={() => finish(task.id)}
                  data-testid="vself-submit-done"
                >
                  {tr('submitDone')}
                </button>
                <button type="button" className="pub-button" onClick={() => setFinishing(null)}>
                  {tr('cancel')}
                </button>
              </div>
            ) : (
              <button
                type="button"
                className="pub-button"
                disabled={busy}
                onClick={() => {
                  setFinishing(task.id);
                  setNote('');
                  setPhoto(null);
                }}
                data-testid="vself-done"
              >
                {tr('done')}
              </button>
            )}
          </div>
        ))}
      </section>

      {view.toDecide.length > 0 && (
        <section className="pub-card" data-testid="vself-to-decide">
          <h2>{tr('toDecide')}</h2>
          {view.toDecide.map((h) => (
            <div key={h.id} className="pub-body">
              <p>
                {h.name} · {hoursLine(h)}
              </p>
              {refusing === h.id ? (
                <>
                  <label className="pub-label" htmlFor="vself-reason">
                    {tr('reason')}
                  </label>
                  <textarea
                    id="vself-reason"
                    className="pub-textarea"
                    rows={2}
                    maxLength={500}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                  <button type="button" className="pub-button" disabled={busy} onClick={() => refuse(h.id)}>
                    {tr('sendRefusal')}
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    className="pub-button pub-primary"
                    disabled={busy}
                    onClick={() => run(() => publicApi.volunteerSelfDecide(lang, token, h.id, { decision: 'approve' }))}
                    data-testid="vself-approve"
                  >
                    {tr('approve')}
                  </button>
                  <button type="button" className="pub-button" disabled={busy} onClick={() => setRefusing(h.id)}>
                    {tr('refuse')}
                  </button>
                </>
              )}
            </div>
          ))}
        </section>
      )}

      {view.recentHours.length > 0 && (
        <section className="pub-card">
          <h2>{tr('hours')}</h2>
          <ul className="pub-body" style={{ paddingLeft: 18 }} data-testid="vself-hours">
            {view.recentHours.map((h) => (
              <li key={h.id}>{hoursLine(h)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
