import { useEffect, useState } from 'react';
import type { PledgeUnitView, PublicPledgeResult } from '../../shared/pledges';
import { SignatureCanvas, useSignaturePad } from '../app/signature-pad';
import { mobilisationTr, refusalText } from './ReportIn';
import { call, type Lang } from './publicApi';

/**
 * 请战书 (/qz/<slug>): the unit's pledge text, name and ID number (checked against the registry),
 * and a signature drawn with a finger on the phone; sent as a PNG, which the server checks from its
 * bytes. No login.
 */
export function PledgeSign({ slug, lang }: { slug: string; lang: Lang }) {
  const tr = mobilisationTr(lang);
  const [view, setView] = useState<PledgeUnitView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [form, setForm] = useState({ name: '', idNumber: '' });
  const [signature, setSignature] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<PublicPledgeResult | null>(null);
  const [sending, setSending] = useState(false);
  const pad = useSignaturePad({ onChange: setSignature });

  useEffect(() => {
    let cancelled = false;
    call<PledgeUnitView>(lang, 'GET', `/pledge/${slug}`)
      .then((v) => !cancelled && setView(v))
      .catch((err: unknown) => !cancelled && setFailure(err ?? new Error()));
    return () => {
      cancelled = true;
    };
  }, [lang, slug]);

  if (failure && !view)
    return (
      <section className="pub-card" data-testid="pledge-failure">
        <p className="pub-verdict pub-verdict-bad">{refusalText(failure, tr, 'pledgeNotFound')}</p>
      </section>
    );
  if (!view) return <p className="pub-card">{tr('loading')}</p>;

  const submit = async () => {
    const body = { name: form.name.trim(), idNumber: form.idNumber.trim().toUpperCase(), signature };
    if (!body.name || body.idNumber.length !== 18) return setProblem(tr('required'));
    if (!signature) return setProblem(tr('signMissing'));
    setProblem(null);
    setSending(true);
    try {
      setDone(await call<PublicPledgeResult>(lang, 'POST', `/pledge/${slug}`, body));
    } catch (err) {
      setProblem(refusalText(err, tr, 'pledgeNotFound'));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pub-card" data-testid="pledge-sign">
      <h2>{tr('pledgeIntro', { unit: view.unitName })}</h2>
      <p className="pub-pledge-text" data-testid="pledge-text">
        {view.text}
      </p>
      {done ? (
        <p className="pub-notice pub-notice-ok" data-testid="pledge-done">
          {tr('signed', { serial: done.serial, date: done.signedOn })}
        </p>
      ) : (
        <>
          {(['name', 'idNumber'] as const).map((field) => (
            <label className="pub-label" key={field}>
              {tr(field)}
              <input
                className="pub-input"
                value={form[field]}
                maxLength={field === 'name' ? 50 : 18}
                autoComplete="off"
                onChange={(e) => setForm({ ...form, [field]: e.target.value })}
                data-testid={`pledge-${field}`}
              />
            </label>
          ))}
          <p className="pub-label">{tr('sign')}</p>
          <SignatureCanvas pad={pad} testId="pledge-canvas" />
          <button type="button" className="pub-button" onClick={pad.clear} data-testid="pledge-clear">
            {tr('clear')}
          </button>
          {problem && (
            <p className="pub-notice pub-notice-error" data-testid="pledge-problem">
              {problem}
            </p>
          )}
          <button
            type="button"
            className="pub-button pub-primary"
            disabled={sending}
            onClick={() => void submit()}
            data-testid="pledge-submit"
          >
            {tr('submitPledge')}
          </button>
        </>
      )}
    </section>
  );
}
