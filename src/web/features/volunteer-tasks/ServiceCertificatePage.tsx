import { useParams } from 'react-router-dom';
import type { ServiceCertificate } from '../../../shared/volunteer-tasks';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { hoursText, volunteerTasksApi } from './volunteerTasksApi';
import { CertificateSheet } from '../../app/certificate/CertificateSheet';
import { formatLongDate as longDate } from '../../app/format';

const STARS = ['vtasks.star.1', 'vtasks.star.2', 'vtasks.star.3', 'vtasks.star.4', 'vtasks.star.5'] as const;

/**
 * 志愿服务证明: an A4 sheet with the serial, the volunteer (name, masked ID number), the hours of the
 * period by month and by kind of service, the star level, the issuing unit, a space for its stamp and
 * a QR code of the public check page (/vs/<code>) with its URL printed beneath.
 */
export default function ServiceCertificatePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const detail = useDetail<ServiceCertificate>(id, volunteerTasksApi.certificate);
  const cert = detail.data;
  if (!cert) return <DetailStatus detail={detail} />;

  return (
    <CertificateSheet
      backTo="/volunteer-hours"
      printLabel={t('vtasks.print')}
      testId="vcert"
      serialLabel={t('vtasks.cert.serial')}
      serial={cert.serial}
      title={t('vtasks.cert.title')}
      verifyPath={cert.verifyPath}
      verifyHint={t('vtasks.cert.verifyHint')}
      stampLabel={t('vtasks.cert.stamp')}
      issuerLabel={t('vtasks.cert.issuer')}
      issuer={cert.issuer}
      issuedAt={cert.issuedAt}
    >
      <table className="qf-cert-person">
        <tbody>
          <tr>
            <th>{t('vtasks.name')}</th>
            <td data-testid="vcert-name">{cert.name}</td>
            <th>{t('vtasks.idNumber')}</th>
            <td>{cert.idNumber ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('vtasks.cert.period')}</th>
            <td colSpan={3}>{`${longDate(cert.from, locale)} – ${longDate(cert.to, locale)}`}</td>
          </tr>
          <tr>
            <th>{t('vtasks.cert.total')}</th>
            <td colSpan={3} data-testid="vcert-total">
              {hoursText(cert.totalMinutes, locale)}
              {cert.stars > 0 && `（${t(STARS[cert.stars - 1]!)}）`}
            </td>
          </tr>
          <tr>
            <th>{t('vtasks.cert.byMonth')}</th>
            <td colSpan={3}>{cert.byMonth.map((m) => `${m.month}：${hoursText(m.minutes, locale)}`).join('；')}</td>
          </tr>
          <tr>
            <th>{t('vtasks.cert.byKind')}</th>
            <td colSpan={3}>
              {cert.byKind.map((k) => `${t(`vtasks.kind.${k.kind}`)}：${hoursText(k.minutes, locale)}`).join('；')}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="qf-cert-body">
        {t('vtasks.cert.body', {
          name: cert.name,
          from: longDate(cert.from, locale),
          to: longDate(cert.to, locale),
          hours: hoursText(cert.totalMinutes, locale),
        })}
      </p>
      <p className="qf-cert-body">{t('vtasks.cert.closing')}</p>
    </CertificateSheet>
  );
}
