import { useEffect, useState } from 'react';
import type { CertificateView } from '../../shared/isolation';
import type { Tr } from './messages';
import { publicApi, PublicError, type Lang } from './publicApi';

/**
 * 证明核验: what anyone holding a printed 医学观察期满证明 sees after scanning its QR code — valid or
 * not, the serial, the masked name and ID number, the period and the issuer.
 */
export function Verify({ code, lang, tr }: { code: string; lang: Lang; tr: Tr }) {
  const [cert, setCert] = useState<CertificateView | null>(null);
  const [failure, setFailure] = useState<PublicError | null>(null);

  useEffect(() => {
    let cancelled = false;
    publicApi
      .certificate(lang, code)
      .then((c) => !cancelled && setCert(c))
      .catch(
        (err: unknown) =>
          !cancelled && setFailure(err instanceof PublicError ? err : new PublicError(0, 'NETWORK', '')),
      );
    return () => {
      cancelled = true;
    };
  }, [lang, code]);

  if (failure) {
    const notFound = failure.code === 'CERTIFICATE_NOT_FOUND' || failure.code === 'VALIDATION';
    return (
      <section className="pub-card" data-testid="verify-result" data-valid="false">
        <p className="pub-verdict pub-verdict-bad">
          ✗ {notFound ? tr('notFound') : failure.code === 'NETWORK' ? tr('network') : failure.message}
        </p>
      </section>
    );
  }
  if (!cert) return <p className="pub-card">{tr('loading')}</p>;

  const rows: [string, string][] = [
    [tr('serial'), cert.serial],
    [tr('name'), cert.name],
    [tr('idNumber'), cert.idNumber ?? '—'],
    [tr('kind'), tr(`kind.${cert.kind}`)],
    [tr('period'), `${cert.startDay} ${tr('to')} ${cert.endDay}`],
    [tr('issuer'), cert.issuer],
    [tr('issuedAt'), new Date(cert.issuedAt).toLocaleDateString(lang)],
  ];
  return (
    <section className="pub-card" data-testid="verify-result" data-valid={String(cert.valid)}>
      <p className={`pub-verdict ${cert.valid ? 'pub-verdict-ok' : 'pub-verdict-bad'}`}>
        {cert.valid ? `✓ ${tr('valid')}` : `✗ ${tr('invalid')}`}
      </p>
      <dl className="pub-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="pub-muted">{cert.valid ? tr('validHint') : tr('invalidHint')}</p>
    </section>
  );
}
