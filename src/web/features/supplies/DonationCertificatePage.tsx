import { useParams } from 'react-router-dom';
import type { DonationCertificate } from '../../../shared/donations';
import { api, ApiError } from '../../app/api';
import { CertificateSheet } from '../../app/certificate/CertificateSheet';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatLongDate as longDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';

const fetchCertificate = (id: string) => api.get<DonationCertificate>(`/donations/${id}/certificate`);
const refused = (err: unknown) => err instanceof ApiError && err.status < 500;

/**
 * 捐赠证书: an A4 sheet with the serial, the donor, what was accepted at receiving, the purpose
 * (定向 to a unit), the issuing county or township, a space for the stamp, and a QR code of the
 * public ledger's page for this donation (/ledger?code=…) with its URL printed beneath.
 */
export default function DonationCertificatePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const detail = useDetail(id, fetchCertificate, { isMissing: refused });
  const cert = detail.data;

  if (!cert) return <DetailStatus detail={detail} notFound={t('supplies.noCertificate')} />;
  const items = cert.items
    .map((i) => `${i.itemName}${i.spec ? `（${i.spec}）` : ''} ${i.quantity.toLocaleString(locale)} ${i.unit}`)
    .join('、');

  return (
    <CertificateSheet
      backTo="/supplies"
      printLabel={t('supplies.print')}
      serialLabel={t('supplies.cert.serial')}
      serial={cert.serial}
      title={t('supplies.cert.title')}
      verifyPath={cert.verifyPath}
      verifyHint={t('supplies.cert.verifyHint')}
      stampLabel={t('supplies.cert.stamp')}
      issuerLabel={t('supplies.cert.issuer')}
      issuer={cert.issuer}
      issuedAt={cert.issuedAt}
    >
      <p className="qf-cert-body" data-testid="certificate-donor">
        {cert.donorName}：
      </p>
      <p className="qf-cert-body">
        {t('supplies.cert.body', { day: longDate(cert.donatedOn, locale), items })}
        {cert.purpose === 'designated' && cert.designatedTo
          ? t('supplies.cert.designated', { to: cert.designatedTo })
          : ''}
      </p>
      <p className="qf-cert-body">{t('supplies.cert.closing')}</p>
    </CertificateSheet>
  );
}
