import { useEffect, useState } from 'react';
import type { PublicAllocation } from '../../shared/supplies-requests';
import { allocationEn, allocationZh, type AllocationKey } from './allocation-messages';
import type { Lang } from './publicApi';

interface Page {
  items: PublicAllocation[];
  nextCursor: string | null;
}

async function get(lang: Lang, path: string): Promise<Page> {
  const res = await fetch(`/api/public${path}`, {
    headers: { 'Accept-Language': lang, Accept: 'application/json' },
    credentials: 'omit',
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Page;
}

const fmtDay = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' });

function useList(lang: Lang, path: string) {
  const [page, setPage] = useState<Page | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    get(lang, `${path}?limit=30`)
      .then(setPage)
      .catch(() => setFailed(true));
  }, [lang, path]);
  const more = async () => {
    if (!page?.nextCursor) return;
    const next = await get(lang, `${path}?limit=30&cursor=${page.nextCursor}`);
    setPage({ items: [...page.items, ...next.items], nextCursor: next.nextCursor });
  };
  return { page, failed, more };
}

/**
 * The public ledger's "where everything went" (each allocation from a warehouse to a unit, sent and
 * signed for, with the reason for a shortfall) and designated-use compliance (定向: delivered as
 * designated, or elsewhere by the command centre's published decision). Units only, no people.
 */
export function LedgerAllocations({ lang }: { lang: Lang }) {
  const dict = lang === 'en' ? allocationEn : allocationZh;
  const tr = (key: AllocationKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const n = (x: number) => x.toLocaleString(lang);
  const went = useList(lang, '/ledger/allocations');
  const designated = useList(lang, '/ledger/designated');

  const line = (a: PublicAllocation) => (
    <>
      {fmtDay(a.sentAt, lang)} · {a.from} → <strong>{a.to}</strong> · {a.item}
      {a.spec ? `（${a.spec}）` : ''} · {tr('sent', { n: `${n(a.sent)} ${a.unit}` })} ·{' '}
      {a.received === null ? tr('inTransit') : tr('received', { n: `${n(a.received)} ${a.unit}` })}
      {a.receivedAt ? ` ${fmtDay(a.receivedAt, lang)}` : ''}
      {a.received !== null && a.received !== a.sent && (
        <strong> · {tr('short', { n: n(a.sent - a.received), reason: a.discrepancyReason ?? '' })}</strong>
      )}
    </>
  );

  const section = (
    testId: string,
    title: AllocationKey,
    intro: AllocationKey,
    list: ReturnType<typeof useList>,
    extra?: (a: PublicAllocation) => React.ReactNode,
  ) => (
    <section className="pub-card" data-testid={testId}>
      <h3>{tr(title)}</h3>
      <p className="pub-muted">{tr(intro)}</p>
      {list.failed && <p className="pub-error">{tr('network')}</p>}
      {!list.page && !list.failed && <p>{tr('loading')}</p>}
      {list.page?.items.length === 0 && <p className="pub-muted">{tr('none')}</p>}
      <ul className="pub-requests">
        {list.page?.items.map((a) => (
          <li key={a.id}>
            {line(a)}
            {extra?.(a)}
          </li>
        ))}
      </ul>
      {list.page?.nextCursor && (
        <button type="button" className="pub-button" onClick={() => void list.more()}>
          {tr('more')}
        </button>
      )}
    </section>
  );

  return (
    <>
      {section('ledger-allocations', 'wentTitle', 'wentIntro', went)}
      {section('ledger-designated', 'designatedTitle', 'designatedIntro', designated, (a) => (
        <>
          {' '}
          · {tr('designatedTo', { to: a.designatedTo ?? '' })} ·{' '}
          {a.decisionReason ? <strong>{tr('decision', { reason: a.decisionReason })}</strong> : tr('honoured')}
        </>
      ))}
    </>
  );
}
