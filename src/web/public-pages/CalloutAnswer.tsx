import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { CalloutLinkView } from '../../shared/callouts';
import { calloutEn, calloutZh, type CalloutKey } from './callout-messages';
import { clock, publicApi, PublicError, type Lang } from './publicApi';
import { rememberCalloutToken } from './CalloutPoint';

type View = z.infer<typeof CalloutLinkView>;
type Body = { answer: 'coming' | 'late' | 'cannot' | 'arrived'; etaMinutes?: number; reason?: string };

/**
 * 集结令 answer page (/c/<token>), opened from the SMS on a phone without logging in: where to go and
 * by when, and three big buttons — 马上到 / N 分钟后到 / 不能来 (with a reason) — then 已到达 at the
 * point. An unknown or expired link says so plainly.
 */
export function CalloutAnswer({ token, lang }: { token: string; lang: Lang }) {
  const dict = lang === 'en' ? calloutEn : calloutZh;
  const tr = (key: CalloutKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [view, setView] = useState<View | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);
  const [mode, setMode] = useState<'late' | 'cannot' | null>(null);
  const [minutes, setMinutes] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let cancelled = false;
    publicApi
      .calloutLink(lang, token)
      .then((v) => {
        rememberCalloutToken(token);
        if (!cancelled) setView(v);
      })
      .catch(
        (err: unknown) =>
          !cancelled && setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')),
      );
    return () => {
      cancelled = true;
    };
  }, [lang, token]);

  const failureText = (err: PublicError) =>
    err.code === 'CALLOUT_LINK_EXPIRED'
      ? tr('expired')
      : err.code === 'CALLOUT_LINK_NOT_FOUND' || (err.code === 'VALIDATION' && err.status === 400 && !view)
        ? tr('notFound')
        : err.code === 'RATE_LIMITED'
          ? tr('tooMany')
          : err.code === 'NETWORK'
            ? tr('network')
            : err.message;

  if (failure && !view)
    return (
      <section className="pub-card" data-testid="callout-failure">
        <p className="pub-verdict pub-verdict-bad">{failureText(failure)}</p>
      </section>
    );
  if (!view) return <p className="pub-card">{tr('loading')}</p>;

  const send = async (body: Body) => {
    setProblem(null);
    setSending(true);
    try {
      setView(await publicApi.answerCallout(lang, token, body));
      setMode(null);
    } catch (err) {
      setProblem(failureText(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')));
    } finally {
      setSending(false);
    }
  };
  const sendDetail = () => {
    if (mode === 'late') {
      const n = Number(minutes);
      if (!Number.isInteger(n) || n < 1 || n > 1440) return setProblem(tr('minutesInvalid'));
      return void send({ answer: 'late', etaMinutes: n });
    }
    if (!reason.trim()) return setProblem(tr('reasonMissing'));
    return void send({ answer: 'cannot', reason: reason.trim() });
  };
  const answerText =
    view.answer === 'late'
      ? tr('answer.late', { n: view.etaMinutes ?? '' })
      : view.answer === 'cannot'
        ? tr('answer.cannot', { reason: view.reason ?? '' })
        : view.answer
          ? tr(`answer.${view.answer}`)
          : null;

  return (
    <section className="pub-card" data-testid="callout-answer">
      <h2>{tr('hello', { name: view.name })}</h2>
      <p className="pub-urgency pub-urgency-immediate">
        {tr('order', { team: view.teamName ?? '', deadline: clock(view.deadlineAt) })}
      </p>
      <dl className="pub-facts">
        <div>
          <dt>{tr('meetingPoint')}</dt>
          <dd data-testid="callout-meeting-point">{view.meetingPoint}</dd>
        </div>
        <div>
          <dt>{tr('deadline')}</dt>
          <dd>{clock(view.deadlineAt)}</dd>
        </div>
      </dl>
      {answerText && (
        <p className="pub-notice pub-notice-ok" data-testid="callout-current">
          {tr('yourAnswer', { answer: answerText })}
        </p>
      )}
      {view.closed ? (
        <p className="pub-muted" data-testid="callout-closed">
          {tr('closed')}
        </p>
      ) : (
        <>
          <div className="pub-needs">
            <button
              type="button"
              className="pub-button pub-primary"
              disabled={sending}
              onClick={() => void send({ answer: 'coming' })}
              data-testid="callout-coming"
            >
              {tr('coming')}
            </button>
            <button
              type="button"
              className={`pub-button${mode === 'late' ? ' pub-primary' : ''}`}
              onClick={() => setMode(mode === 'late' ? null : 'late')}
              data-testid="callout-late"
            >
              {tr('late', { n: 'N' })}
            </button>
            <button
              type="button"
              className={`pub-button${mode === 'cannot' ? ' pub-primary' : ''}`}
              onClick={() => setMode(mode === 'cannot' ? null : 'cannot')}
              data-testid="callout-cannot"
            >
              {tr('cannot')}
            </button>
          </div>
          {mode && (
            <div>
              {mode === 'late' ? (
                <label className="pub-label">
                  {tr('lateMinutes')}
                  <input
                    className="pub-input"
                    inputMode="numeric"
                    value={minutes}
                    onChange={(e) => setMinutes(e.target.value)}
                    data-testid="callout-minutes"
                  />
                </label>
              ) : (
                <label className="pub-label">
                  {tr('reason')}
                  <input
                    className="pub-input"
                    value={reason}
                    maxLength={200}
                    placeholder={tr('reasonHint')}
                    onChange={(e) => setReason(e.target.value)}
                    data-testid="callout-reason"
                  />
                </label>
              )}
              <button
                type="button"
                className="pub-button pub-primary"
                disabled={sending}
                onClick={sendDetail}
                data-testid="callout-send"
              >
                {tr('send')}
              </button>
            </div>
          )}
          {view.answer && view.answer !== 'cannot' && (
            <button
              type="button"
              className="pub-button"
              disabled={sending}
              onClick={() => void send({ answer: 'arrived' })}
              data-testid="callout-arrived"
            >
              {tr('arrived')}
            </button>
          )}
          {view.answer && <p className="pub-muted">{tr('change')}</p>}
        </>
      )}
      {problem && (
        <p className="pub-error" data-testid="callout-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

/** The page title in the header. */
export const calloutTitle = (lang: Lang) => (lang === 'en' ? calloutEn.title : calloutZh.title);
