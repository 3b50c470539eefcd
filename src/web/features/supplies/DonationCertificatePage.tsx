import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { useNavigate, useParams } from 'react-router-dom';
import type { DonationCertificate } from '../../../shared/donations';
import { api, ApiError } from '../../app/api';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import './certificate.css';

/** "2020年1月25日" (or the English date) from YYYY-MM-DD or an instant, in the county's zone (the server's QUNFANG_TZ, sent with the certificate). */
function longDate(value: string, locale: string, timeZone: string): string {
  const day = value.length > 10 ? new Date(value).toLocaleDateString('sv-SE', { timeZone }) : value;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return locale === 'en'
    ? new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : `${y}年${m}月${d}日`;
}

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
  const navigate = useNavigate();
  const detail = useDetail(id, fetchCertificate, { isMissing: refused });
  const cert = detail.data;

  if (!cert) return <DetailStatus detail={detail} notFound={t('supplies.noCertificate')} />;
  const verifyUrl = window.location.origin + cert.verifyPath;
  const items = cert.items
    .map((i) => `${i.itemName}${i.spec ? `（${i.spec}）` : ''} ${i.quantity.toLocaleString(locale)} ${i.unit}`)
    .join('、');

  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/supplies')}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="certificate-print"
        >
          {t('supplies.print')}
        </Button>
      </Space>
      <div className="qf-certificate" data-testid="certificate">
        <div className="qf-cert-serial">
          {t('supplies.cert.serial')}：<span data-testid="certificate-serial">{cert.serial}</span>
        </div>
        <h1>{t('supplies.cert.title')}</h1>
        <p className="qf-cert-body" data-testid="certificate-donor">
          {cert.donorName}：
        </p>
        <p className="qf-cert-body">
          {t('supplies.cert.body', { day: longDate(cert.donatedOn, locale, cert.timeZone), items })}
          {cert.purpose === 'designated' && cert.designatedTo
            ? t('supplies.cert.designated', { to: cert.designatedTo })
            : ''}
        </p>
        <p className="qf-cert-body">{t('supplies.cert.closing')}</p>
        <div className="qf-cert-footer">
          <div className="qf-cert-qr">
            <QRCode value={verifyUrl} size={120} bordered={false} type="svg" />
            <div className="qf-cert-url" data-testid="certificate-url">
              {verifyUrl}
            </div>
            <div className="qf-cert-hint">{t('supplies.cert.verifyHint')}</div>
          </div>
          <div className="qf-cert-issuer">
            <div className="qf-cert-stamp">{t('supplies.cert.stamp')}</div>
            <div>
              {t('supplies.cert.issuer')}：{cert.issuer}
            </div>
            <div>{longDate(cert.issuedAt, locale, cert.timeZone)}</div>
          </div>
        </div>
      </div>
    </>
  );
}
