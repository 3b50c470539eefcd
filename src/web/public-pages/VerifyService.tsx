import { useEffect, useState } from 'react';
import type { ServiceCertificateView } from '../../shared/volunteer-tasks';
import { serviceCertEn, serviceCertZh, type ServiceCertKey } from './service-certificate-messages';
import type { Lang } from './publicApi';

type Failure = 'notFound' | 'tooMany' | 'network';

/** The title of the page, for the header. */
export const serviceCertTitle = (lang: Lang) => (lang === 'en' ? serviceCertEn : serviceCertZh).title;

/**
 * 志愿服务证明核验 (/vs/<code>): what anyone holding a printed volunteer service certificate sees after
 * scanning its QR code — genuine or not, and exactly what it states, the name masked.
 */
export function VerifyService({ code, lang }: { code: string; lang: Lang }) {
  const dict = lang === 'en' ? serviceCertEn : serviceCertZh;
  const tr = (key: ServiceCertKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const [cert, setCert] = useState<ServiceCertificateView | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/public/volunteer-certificates/${encodeURIComponent(code)}`, {
      headers: { 'Accept-Language': lang, Accept: 'application/json' },
      credentials: 'omit',
    })
      .then(async (res) => {
        if (cancelled) return;
        if (res.ok) return setCert((await res.json()) as ServiceCertificateView);
        setFailure(res.status === 429 ? 'tooMany' : 'notFound');
      })
      .catch(() => !cancelled && setFailure('network'));
    return () => {
      cancelled = true;
    };
  }, [lang, code]);

  if (failure)
    return (
      <section className="pub-card" data-testid="verify-result" data-valid="false">
        <p className="pub-verdict pub-verdict-bad">✗ {tr(failure)}</p>
      </section>
    );
  if (!cert) return <p className="pub-card">{tr('loading')}</p>;
  const hours = (minutes: number) => tr('hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  const rows: [string, string][] = [
    [tr('serial'), cert.serial],
    [tr('name'), cert.name],
    [tr('period'), `${cert.from} – ${cert.to}`],
    [tr('total'), hours(cert.totalMinutes)],
    [tr('byKind'), cert.byKind.map((k) => `${tr(`kind.${k.kind}`)} ${hours(k.minutes)}`).join('；')],
    [tr('issuer'), cert.issuer],
    [tr('issuedAt'), new Date(cert.issuedAt).toLocaleDateString(lang)],
  ];
  return (
    <section className="pub-card" data-testid="verify-result" data-valid="true">
      <p className="pub-verdict pub-verdict-ok">✓ {tr('valid')}</p>
      <dl className="pub-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="pub-muted">{tr('hint')}</p>
    </section>
  );
}
