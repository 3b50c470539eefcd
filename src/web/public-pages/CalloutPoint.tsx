import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { CalloutPointResult, CalloutPointView } from '../../shared/callouts';
import { calloutEn, calloutZh, type CalloutKey } from './callout-messages';
import { clock, publicApi, PublicError, type Lang } from './publicApi';

const TOKENS_KEY = 'qf_callout_links';

/** The call-out links this phone has opened (newest last, at most 20): its proof of who scans the point's QR. */
export function rememberedCalloutTokens(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(TOKENS_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(-20) : [];
  } catch {
    return [];
  }
}

/** Remember a link the answer page opened, so a later scan of the point's QR checks this person in. */
export function rememberCalloutToken(token: string) {
  try {
    const list = rememberedCalloutTokens().filter((x) => x !== token);
    list.push(token);
    localStorage.setItem(TOKENS_KEY, JSON.stringify(list.slice(-20)));
  } catch {
    // private mode: the leader checks this person in
  }
}

/**
 * The meeting point's QR page (/c/at/<code>), scanned at the point: which call-out, and one button
 * that checks in the person whose SMS link this phone opened before (see point.service.ts for why
 * that, and not a phone number, proves who they are).
 */
export function CalloutPoint({ code, lang }: { code: string; lang: Lang }) {
  const dict = lang === 'en' ? calloutEn : calloutZh;
  const tr = (key: CalloutKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [view, setView] = useState<z.infer<typeof CalloutPointView> | null>(null);
  const [result, setResult] = useState<z.infer<typeof CalloutPointResult> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const textOf = (err: unknown) => {
    const e = err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '');
    if (e.code === 'CALLOUT_POINT_NOT_FOUND' || e.code === 'VALIDATION') return tr('pointNotFound');
    if (e.code === 'CALLOUT_POINT_NO_ORDER') return tr('pointNoLink');
    if (e.code === 'CALLOUT_LINK_EXPIRED') return tr('expired');
    if (e.code === 'RATE_LIMITED') return tr('tooMany');
    if (e.code === 'NETWORK') return tr('network');
    return e.message;
  };

  useEffect(() => {
    let cancelled = false;
    publicApi
      .calloutPoint(lang, code)
      .then((v) => !cancelled && setView(v))
      .catch((err: unknown) => !cancelled && setFailure(err));
    return () => {
      cancelled = true;
    };
  }, [lang, code]);
  const shown = problem ?? (failure === null ? null : textOf(failure));

  const checkIn = async () => {
    const tokens = rememberedCalloutTokens();
    if (!tokens.length) return setProblem(tr('pointNoLink'));
    setProblem(null);
    setSending(true);
    try {
      setResult(await publicApi.checkInAtPoint(lang, code, tokens));
    } catch (err) {
      setProblem(textOf(err));
    } finally {
      setSending(false);
    }
  };

  if (!view)
    return (
      <section className="pub-card" data-testid="callout-point">
        {shown ? <p className="pub-verdict pub-verdict-bad">{shown}</p> : <p>{tr('loading')}</p>}
      </section>
    );
  return (
    <section className="pub-card" data-testid="callout-point">
      <h2>{tr('pointTitle')}</h2>
      <p className="pub-urgency pub-urgency-immediate">
        {tr('pointIntro', { team: view.teamName ?? '', place: view.meetingPoint, deadline: clock(view.deadlineAt) })}
      </p>
      {result ? (
        <p className="pub-notice pub-notice-ok" data-testid="callout-point-done">
          {tr(result.already ? 'pointAlready' : 'pointDone', { name: result.name, time: clock(result.arrivedAt) })}
        </p>
      ) : view.closed ? (
        <p className="pub-muted">{tr('closed')}</p>
      ) : (
        <button
          type="button"
          className="pub-button pub-primary"
          disabled={sending}
          onClick={() => void checkIn()}
          data-testid="callout-point-check-in"
        >
          {tr('pointCheckIn')}
        </button>
      )}
      {problem && (
        <p className="pub-error" data-testid="callout-point-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
