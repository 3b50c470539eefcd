import { useEffect, useState } from 'react';
import type { ReportingLinkView, ReportInResult } from '../../shared/reporting';
import { mobilisationEn, mobilisationZh, type MobilisationKey } from './mobilisation-messages';
import { call, PublicError, type Lang } from './publicApi';

export function mobilisationTr(lang: Lang) {
  const dict = lang === 'en' ? mobilisationEn : mobilisationZh;
  return (key: MobilisationKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}

/** The refusal a member reads: the server's message (already in their language), or ours for the usual ones. */
export function refusalText(err: unknown, tr: ReturnType<typeof mobilisationTr>, notFound: MobilisationKey) {
  if (!(err instanceof PublicError)) return tr('network');
  if (err.code === 'NETWORK') return tr('network');
  if (err.code === 'RATE_LIMITED') return tr('tooMany');
  if (err.code === 'REPORTING_LINK_NOT_FOUND' || err.code === 'PLEDGE_UNIT_NOT_FOUND') return tr(notFound);
  return err.message;
}

/**
 * 在职党员到社区报到 (/bd/<slug>): the page a community's poster QR code opens on a phone, no login.
 * Name, ID number and phone are checked against the party roll; someone not on it is told so and
 * nothing is stored.
 */
export function ReportIn({ slug, lang }: { slug: string; lang: Lang }) {
  const tr = mobilisationTr(lang);
  const [view, setView] = useState<ReportingLinkView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [form, setForm] = useState({ name: '', idNumber: '', phone: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<ReportInResult | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let cancelled = false;
    call<ReportingLinkView>(lang, 'GET', `/report-in/${slug}`)
      .then((v) => !cancelled && setView(v))
      .catch((err: unknown) => !cancelled && setFailure(err ?? new Error()));
    return () => {
      cancelled = true;
    };
  }, [lang, slug]);

  if (failure && !view)
    return (
      <section className="pub-card" data-testid="report-in-failure">
        <p className="pub-verdict pub-verdict-bad">{refusalText(failure, tr, 'reportNotFound')}</p>
      </section>
    );
  if (!view) return <p className="pub-card">{tr('loading')}</p>;

  const submit = async () => {
    const body = { name: form.name.trim(), idNumber: form.idNumber.trim().toUpperCase(), phone: form.phone.trim() };
    if (!body.name || body.idNumber.length !== 18 || !/^1\d{10}$/.test(body.phone)) return setProblem(tr('required'));
    setProblem(null);
    setSending(true);
    try {
      setDone(await call<ReportInResult>(lang, 'POST', `/report-in/${slug}`, body));
    } catch (err) {
      setProblem(refusalText(err, tr, 'reportNotFound'));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pub-card" data-testid="report-in">
      <h2>{view.communityName}</h2>
      <p>{tr('reportIntro', { community: view.communityName, township: view.townshipName ?? '' })}</p>
      {done ? (
        <p className="pub-notice pub-notice-ok" data-testid="report-in-done">
          {tr(`outcome.${done.outcome}`, { community: done.communityName })}
        </p>
      ) : (
        <>
          {(['name', 'idNumber', 'phone'] as const).map((field) => (
            <label className="pub-label" key={field}>
              {tr(field)}
              <input
                className="pub-input"
                value={form[field]}
                inputMode={field === 'phone' ? 'tel' : 'text'}
                maxLength={field === 'name' ? 50 : 18}
                autoComplete="off"
                onChange={(e) => setForm({ ...form, [field]: e.target.value })}
                data-testid={`report-in-${field}`}
              />
            </label>
          ))}
          {problem && (
            <p className="pub-notice pub-notice-error" data-testid="report-in-problem">
              {problem}
            </p>
          )}
          <button
            type="button"
            className="pub-button pub-primary"
            disabled={sending}
            onClick={() => void submit()}
            data-testid="report-in-submit"
          >
            {tr('submit')}
          </button>
          <p className="pub-muted">{tr('privacy')}</p>
        </>
      )}
    </section>
  );
}
