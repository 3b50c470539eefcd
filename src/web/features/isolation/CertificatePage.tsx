import { useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { CertificateSheet } from '../../app/certificate/CertificateSheet';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { isolationApi } from './isolationApi';
import { formatLongDate as longDate } from '../../app/format';

const certificateRefused = (err: unknown) => err instanceof ApiError && err.status < 500;

/**
 * 居家（集中隔离）医学观察期满证明: an A4 sheet with the serial number, the person, the period, the
 * body in the usual official wording, the issuing township and village, a space for the stamp and
 * a QR code of the public check page (/verify/<code>) with its URL printed beneath.
 */
export default function CertificatePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  // Any refusal (the episode is not completed, or not in scope) means: no certificate to print.
  const detail = useDetail(id, isolationApi.certificate, { isMissing: certificateRefused });
  const cert = detail.data;

  if (!cert) return <DetailStatus detail={detail} notFound={t('isolation.noCertificate')} />;
  const centralised = cert.kind === 'centralised';
  const sex = cert.sex === 'M' || cert.sex === 'F' ? t(`sex.${cert.sex}`) : '—';

  return (
    <CertificateSheet
      backTo={`/isolation/episodes/${id}`}
      printLabel={t('isolation.print')}
      serialLabel={t('isolation.cert.serial')}
      serial={cert.serial}
      title={centralised ? t('isolation.cert.titleCentralised') : t('isolation.cert.titleHome')}
      verifyPath={cert.verifyPath}
      verifyHint={t('isolation.cert.verifyHint')}
      stampLabel={t('isolation.cert.stamp')}
      issuerLabel={t('isolation.cert.issuer')}
      issuer={cert.issuer}
      issuedAt={cert.issuedAt}
    >
      <table className="qf-cert-person">
        <tbody>
          <tr>
            <th>{t('isolation.cert.name')}</th>
            <td data-testid="certificate-name">{cert.name}</td>
            <th>{t('isolation.cert.sex')}</th>
            <td>{sex}</td>
          </tr>
          <tr>
            <th>{t('isolation.cert.idNumber')}</th>
            <td colSpan={3}>{cert.idNumber ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('isolation.cert.period')}</th>
            <td colSpan={3}>
              {t('isolation.cert.periodValue', {
                start: longDate(cert.startDay, locale),
                end: longDate(cert.endDay, locale),
              })}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="qf-cert-body">
        {t(centralised ? 'isolation.cert.bodyCentralised' : 'isolation.cert.bodyHome', {
          name: cert.name,
          start: longDate(cert.startDay, locale),
          end: longDate(cert.endDay, locale),
        })}
      </p>
      <p className="qf-cert-body">{t('isolation.cert.closing')}</p>
    </CertificateSheet>
  );
}
