import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { useNavigate, useParams } from 'react-router-dom';
import type { ServiceCertificate } from '../../../shared/volunteer-tasks';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { hoursText, volunteerTasksApi } from './volunteerTasksApi';
import './service-certificate.css';

const STARS = ['vtasks.star.1', 'vtasks.star.2', 'vtasks.star.3', 'vtasks.star.4', 'vtasks.star.5'] as const;

/** "2020年1月28日" (or the English date) from YYYY-MM-DD or an instant. */
function longDate(value: string, locale: string): string {
  const [y, m, d] = (value.length > 10 ? new Date(value).toLocaleDateString('sv-SE') : value)
    .split('-')
    .map(Number) as [number, number, number];
  return locale === 'en' ? `${d}/${m}/${y}` : `${y}年${m}月${d}日`;
}

/**
 * 志愿服务证明: an A4 sheet with the serial, the volunteer (name, masked ID number), the hours of the
 * period by month and by kind of service, the star level, the issuing unit, a space for its stamp and
 * a QR code of the public check page (/vs/<code>) with its URL printed beneath.
 */
export default function ServiceCertificatePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const detail = useDetail<ServiceCertificate>(id, volunteerTasksApi.certificate);
  const cert = detail.data;
  if (!cert) return <DetailStatus detail={detail} />;
  const verifyUrl = window.location.origin + cert.verifyPath;

  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/volunteer-hours')}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="vcert-print">
          {t('vtasks.print')}
        </Button>
      </Space>
      <div className="qf-certificate" data-testid="vcert">
        <div className="qf-cert-serial">
          {t('vtasks.cert.serial')}：<span data-testid="vcert-serial">{cert.serial}</span>
        </div>
        <h1>{t('vtasks.cert.title')}</h1>
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
        <div className="qf-cert-footer">
          <div className="qf-cert-qr">
            <QRCode value={verifyUrl} size={120} bordered={false} type="svg" />
            <div className="qf-cert-url" data-testid="vcert-url">
              {verifyUrl}
            </div>
            <div className="qf-cert-hint">{t('vtasks.cert.verifyHint')}</div>
          </div>
          <div className="qf-cert-issuer">
            <div className="qf-cert-stamp">{t('vtasks.cert.stamp')}</div>
            <div>
              {t('vtasks.cert.issuer')}：{cert.issuer}
            </div>
            <div>{longDate(cert.issuedAt, locale)}</div>
          </div>
        </div>
      </div>
    </>
  );
}
