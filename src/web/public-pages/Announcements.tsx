import { useCallback, useEffect, useState } from 'react';
import type { Tr } from './messages';
import { publicApi, PublicError, type Lang, type PublicAnnouncementView } from './publicApi';

/** "2020年1月25日 12:00" (or the English order) in the phone's time. */
function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return lang === 'en'
    ? `${d.toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' })} ${hm}`
    : `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}

function Urgency({ a, tr }: { a: PublicAnnouncementView; tr: Tr }) {
  return a.urgency === 'routine' ? null : (
    <span className={`pub-urgency pub-urgency-${a.urgency}`}>
      {tr(a.urgency === 'urgent' ? 'urgent' : 'immediate')}
    </span>
  );
}

/**
 * Public announcements (公告): /a lists those in force, /a/<slug> shows one — scenic spots closed,
 * buses stopped, gatherings banned. No login; a withdrawn one says so and shows nothing of itself.
 */
export function Announcements({ slug, lang, tr }: { slug: string; lang: Lang; tr: Tr }) {
  const [items, setItems] = useState<PublicAnnouncementView[] | null>(null);
  const [one, setOne] = useState<PublicAnnouncementView | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);

  const load = useCallback(() => {
    setFailure(null);
    const fail = (err: unknown) => setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', ''));
    if (slug) publicApi.announcement(lang, slug).then(setOne).catch(fail);
    else
      publicApi
        .announcements(lang)
        .then((r) => setItems(r.items))
        .catch(fail);
  }, [lang, slug]);
  useEffect(load, [load]);

  const back = (
    <p>
      <a href="/a" className="pub-small" data-testid="announcements-all">
        {tr('allAnnouncements')}
      </a>
    </p>
  );
  if (failure) {
    const gone = failure.code === 'ANNOUNCEMENT_WITHDRAWN';
    return (
      <section className="pub-card" data-testid={gone ? 'announcement-withdrawn' : 'announcement-invalid'}>
        <p className={gone ? 'pub-muted' : 'pub-error'}>
          {gone
            ? tr('announcementWithdrawn')
            : failure.code === 'NETWORK'
              ? tr('network')
              : failure.status === 404 || failure.code === 'VALIDATION'
                ? tr('announcementNotFound')
                : failure.message}
        </p>
        {(failure.code === 'NETWORK' || failure.code === 'RATE_LIMITED') && (
          <button type="button" className="pub-button" onClick={load}>
            {tr('retry')}
          </button>
        )}
        {back}
      </section>
    );
  }
  if (slug) {
    if (!one) return <p className="pub-card">{tr('loading')}</p>;
    return (
      <article className="pub-card" data-testid="announcement">
        <Urgency a={one} tr={tr} />
        <h1 data-testid="announcement-title">{one.title}</h1>
        <p className="pub-muted">
          {one.regionName ?? ''} · {tr('publishedAt', { time: when(one.publishedAt, lang) })}
        </p>
        <p className="pub-body" data-testid="announcement-body">
          {one.body}
        </p>
        {back}
      </article>
    );
  }
  if (!items) return <p className="pub-card">{tr('loading')}</p>;
  if (items.length === 0)
    return (
      <p className="pub-card" data-testid="announcements-empty">
        {tr('noAnnouncements')}
      </p>
    );
  return (
    <section data-testid="announcements">
      {items.map((a) => (
        <a
          key={a.slug}
          href={`/a/${a.slug}`}
          className="pub-card pub-announcement"
          data-testid={`announcement-${a.slug}`}
        >
          <Urgency a={a} tr={tr} />
          <strong>{a.title}</strong>
          <span className="pub-muted pub-small">
            {a.regionName ?? ''} · {when(a.publishedAt, lang)}
          </span>
        </a>
      ))}
    </section>
  );
}
