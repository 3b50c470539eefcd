import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { PublicBalance, PublicDonation, PublicReceipt } from '../../shared/donations';
import type { LedgerDigest, LedgerVerification } from '../../shared/supplies';
import { LedgerAllocations } from './LedgerAllocations';
import { ledgerEn, ledgerZh, type LedgerKey } from './ledger-messages';
import type { Lang } from './publicApi';

interface LedgerView {
  receipts: PublicReceipt[];
  nextCursor: string | null;
  balances: PublicBalance[];
  head: { day: string | null; seq: number; hash: string };
  digests: LedgerDigest[];
  /** the county's zone (QUNFANG_TZ): dates are the county's days, not the phone's */
  timeZone: string;
}

async function get<T>(lang: Lang, path: string): Promise<T> {
  const res = await fetch(`/api/public${path}`, {
    headers: { 'Accept-Language': lang, Accept: 'application/json' },
    credentials: 'omit',
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error((data as { error?: { code?: string } } | null)?.error?.code ?? `HTTP ${res.status}`);
  return data as T;
}

/** Hashes are 64 characters without a break: let them wrap on a phone. */
const WRAP = { overflowWrap: 'anywhere' } as const;

const fmtNumber = (n: number, lang: Lang) => n.toLocaleString(lang);
const fmtDay = (iso: string, lang: Lang, timeZone: string) =>
  new Date(iso).toLocaleDateString(lang, { timeZone, month: '2-digit', day: '2-digit' });

/**
 * 公开台账 (/ledger, no login, light enough for a cheap phone): look up a donation by the code on
 * its certificate and see its path; the balance by item; donations received (匿名 for the anonymous;
 * a corrected item shows what was declared); the daily digests of the hash chain and a button that
 * re-verifies it; .csv and .xlsx downloads.
 */
export function LedgerPage({ lang }: { lang: Lang }) {
  const dict = lang === 'en' ? ledgerEn : ledgerZh;
  const tr = (key: LedgerKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const initialCode = new URLSearchParams(window.location.search).get('code') ?? '';
  const [code, setCode] = useState(initialCode);
  const [donation, setDonation] = useState<PublicDonation | null>(null);
  const [searchError, setSearchError] = useState<'notFound' | 'network' | null>(null);
  const [view, setView] = useState<LedgerView | null>(null);
  const [failed, setFailed] = useState(false);
  const [verification, setVerification] = useState<LedgerVerification | 'running' | null>(null);

  const find = useCallback(
    async (c: string) => {
      setSearchError(null);
      setDonation(null);
      if (!c.trim()) return;
      try {
        setDonation(await get<PublicDonation>(lang, `/ledger/donations/${encodeURIComponent(c.trim())}`));
      } catch (err) {
        const code = (err as Error).message;
        setSearchError(code === 'DONATION_CERTIFICATE_NOT_FOUND' || code === 'VALIDATION' ? 'notFound' : 'network');
      }
    },
    [lang],
  );

  useEffect(() => {
    get<LedgerView>(lang, '/ledger?limit=30')
      .then(setView)
      .catch(() => setFailed(true));
    if (initialCode) void find(initialCode);
  }, [lang, find, initialCode]);

  const more = async () => {
    if (!view?.nextCursor) return;
    const next = await get<LedgerView>(lang, `/ledger?limit=30&cursor=${view.nextCursor}`);
    setView({ ...view, receipts: [...view.receipts, ...next.receipts], nextCursor: next.nextCursor });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void find(code);
  };
  const verify = async () => {
    setVerification('running');
    try {
      setVerification(await get<LedgerVerification>(lang, '/ledger/verify'));
    } catch {
      setVerification(null);
    }
  };

  return (
    <>
      <section className="pub-card">
        <h2>{tr('title')}</h2>
        <p className="pub-muted">{tr('intro')}</p>
        <form onSubmit={submit}>
          <label className="pub-label" htmlFor="ledger-code">
            {tr('search')}
          </label>
          <input
            id="ledger-code"
            className="pub-input"
            value={code}
            placeholder={tr('searchHint')}
            onChange={(e) => setCode(e.target.value)}
            data-testid="ledger-code"
          />
          <button type="submit" className="pub-button pub-primary">
            {tr('find')}
          </button>
        </form>
        {searchError && <p className="pub-error">{tr(searchError)}</p>}
      </section>

      {donation && (
        <section className="pub-card" data-testid="ledger-donation" style={WRAP}>
          <h3>{tr('donation', { serial: donation.serial })}</h3>
          <dl className="pub-facts">
            <div>
              <dt>{tr('donor')}</dt>
              <dd>{donation.donor}</dd>
            </div>
            <div>
              <dt>{tr('donatedOn')}</dt>
              <dd>{donation.donatedOn}</dd>
            </div>
            <div>
              <dt>{tr('purpose')}</dt>
              <dd>
                {donation.purpose === 'designated'
                  ? tr('designated', { to: donation.designatedTo ?? '' })
                  : tr('general')}
              </dd>
            </div>
          </dl>
          <ul className="pub-requests">
            {donation.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the public view has no line ids; lines keep their order
              <li key={i}>
                {tr('declared')} {l.declaredItem} {fmtNumber(l.declaredQuantity, lang)} {l.unit} →{' '}
                {l.verdict === null
                  ? tr('pending')
                  : l.verdict === 'rejected'
                    ? tr('rejected')
                    : `${tr('received')} ${l.receivedItem} ${fmtNumber(l.receivedQuantity ?? 0, lang)} ${l.unit} · ${l.warehouse}`}
                {l.corrected && <strong> （{tr('corrected')}）</strong>}
                {l.discrepancyReason && <span className="pub-muted"> {l.discrepancyReason}</span>}
              </li>
            ))}
          </ul>
          <h4>{tr('path')}</h4>
          <ul className="pub-requests">
            {donation.path.map((p) => (
              <li key={p.seq}>
                #{p.seq} {fmtDay(p.at, lang, donation.timeZone)} {p.kind === 'receipt' ? tr('receipt') : p.kind}{' '}
                {p.warehouse} {p.item} {fmtNumber(p.quantity, lang)} {p.unit}{' '}
                <code className="pub-small">{p.hash.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        </section>
      )}

      {failed && <p className="pub-card pub-error">{tr('network')}</p>}
      {!view && !failed && <p className="pub-card">{tr('loading')}</p>}
      {view && (
        <>
          <section className="pub-card" data-testid="ledger-balances">
            <h3>{tr('balances')}</h3>
            {view.balances.length === 0 && <p className="pub-muted">{tr('none')}</p>}
            <dl className="pub-facts">
              {view.balances.map((b) => (
                <div key={b.item}>
                  <dt>{b.item}</dt>
                  <dd>
                    {fmtNumber(b.quantity, lang)} {b.unit}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="pub-card" data-testid="ledger-receipts">
            <h3>{tr('recent')}</h3>
            {view.receipts.length === 0 && <p className="pub-muted">{tr('none')}</p>}
            <ul className="pub-requests">
              {view.receipts.map((r) => (
                <li key={r.id}>
                  {fmtDay(r.receivedOn, lang, view.timeZone)} · {r.donor} · {r.item}
                  {r.spec ? `（${r.spec}）` : ''} {fmtNumber(r.quantity, lang)} {r.unit}
                  {r.declaredItem && (
                    <strong>
                      {' '}
                      （{tr('declared')} {r.declaredItem}，{tr('corrected')}）
                    </strong>
                  )}{' '}
                  · {r.warehouse}
                </li>
              ))}
            </ul>
            {view.nextCursor && (
              <button type="button" className="pub-button" onClick={() => void more()}>
                {tr('more')}
              </button>
            )}
            <p>
              {tr('download')}: <a href="/api/public/ledger.csv">.csv</a> · <a href="/api/public/ledger.xlsx">.xlsx</a>
            </p>
          </section>
          <LedgerAllocations lang={lang} />
          <section className="pub-card" data-testid="ledger-digests" style={WRAP}>
            <h3>{tr('digests')}</h3>
            <p className="pub-small">
              {tr('head', { seq: view.head.seq })} <code>{view.head.hash}</code>
            </p>
            <ul className="pub-requests">
              {view.digests.map((d) => (
                <li key={d.day} className="pub-small">
                  {d.day} #{d.seq} <code>{d.hash}</code>
                </li>
              ))}
            </ul>
            <button type="button" className="pub-button" onClick={() => void verify()} data-testid="ledger-verify">
              {verification === 'running' ? tr('verifying') : tr('verify')}
            </button>
            {verification && verification !== 'running' && (
              <p className={verification.ok ? 'pub-notice pub-notice-ok' : 'pub-notice pub-notice-error'}>
                {verification.ok
                  ? tr('verified', { n: verification.entries })
                  : tr('broken', {
                      seq: verification.firstBroken?.seq ?? '?',
                      problem: verification.firstBroken?.problem ?? 'balance',
                    })}
              </p>
            )}
          </section>
        </>
      )}
    </>
  );
}
