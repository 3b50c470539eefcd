import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { isolationApi } from './isolationApi';
import './certificate.css';

/** "2020年1月28日" (or the English date) from YYYY-MM-DD or an instant. */
function longDate(value: string, locale: string): string {
  const [y, m, d] = (value.length > 10 ? new Date(value).toLocaleDateString('sv-SE') : value)
    .split('-')
    .map(Number) as [number, number, number];
  return locale === 'en'
    ? new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : `${y}年${m}月${d}日`;
}

const certificateRefused = (err: unknown) => err instanceof ApiError && err.status < 500;

/**
 * 居家（集中隔离）医学观察期满证明: an A4 sheet with the serial number, the person, the period, the
 * body in the usual official wording, the issuing township and village, a space for the stamp and
 * a QR code of the public check page (/verify/<code>) with its URL printed beneath.
 */
export default function CertificatePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  // Any refusal (the episode is not completed, or not in scope) means: no certificate to print.
  const detail = useDetail(id, isolationApi.certificate, { isMissing: certificateRefused });
  const cert = detail.data;

  if (!cert) return <DetailStatus detail={detail} notFound={t('isolation.noCertificate')} />;
  const verifyUrl = window.location.origin + cert.verifyPath;
  const centralised = cert.kind === 'centralised';
  const sex = cert.sex === 'M' || cert.sex === 'F' ? t(`sex.${cert.sex}`) : '—';

  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/isolation/episodes/${id}`)}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="certificate-print"
        >
          {t('isolation.print')}
        </Button>
      </Space>
      <div className="qf-certificate" data-testid="certificate">
        <div className="qf-cert-serial">
          {t('isolation.cert.serial')}：<span data-testid="certificate-serial">{cert.serial}</span>
        </div>
        <h1>{centralised ? t('isolation.cert.titleCentralised') : t('isolation.cert.titleHome')}</h1>
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
        <div className="qf-cert-footer">
          <div className="qf-cert-qr">
            <QRCode value={verifyUrl} size={120} bordered={false} type="svg" />
            <div className="qf-cert-url" data-testid="certificate-url">
              {verifyUrl}
            </div>
            <div className="qf-cert-hint">{t('isolation.cert.verifyHint')}</div>
          </div>
          <div className="qf-cert-issuer">
            <div className="qf-cert-stamp">{t('isolation.cert.stamp')}</div>
            <div>
              {t('isolation.cert.issuer')}：{cert.issuer}
            </div>
            <div>{longDate(cert.issuedAt, locale)}</div>
          </div>
        </div>
      </div>
    </>
  );
}
