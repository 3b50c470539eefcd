// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { volunteersApi } from './volunteersApi';

/**
 * 志愿者招募海报: an A4 sheet a village posts at its gate and shares in its group chat — the call,
 * the kinds of work, and a large QR code of the village's own sign-up link, the URL printed beneath.
 */
export default function SignupPosterPage() {
  const { regionId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const detail = useDetail(regionId, volunteersApi.signupLink);
  const link = detail.data;
  if (!link) return <DetailStatus detail={detail} />;
  const url = window.location.origin + link.path;
  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/volunteers')}>
          {t('volunteers.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {t('volunteers.printPoster')}
        </Button>
      </Space>
      <div
        data-testid="volunteer-poster"
        style={{ maxWidth: 700, margin: '0 auto', padding: 40, background: '#fff', textAlign: 'center' }}
      >
        <h1 style={{ fontSize: 40, color: '#c00', margin: '0 0 8px' }}>{t('volunteers.poster.title')}</h1>
        <h2 style={{ fontSize: 28, margin: '0 0 24px' }}>{link.regionName}</h2>
        <p style={{ fontSize: 18, lineHeight: 1.8, textAlign: 'left' }}>{t('volunteers.poster.body')}</p>
        <div style={{ display: 'inline-block', margin: '24px 0 8px' }}>
          <QRCode value={url} size={280} bordered={false} type="svg" />
        </div>
        <p style={{ fontSize: 20, fontWeight: 600 }}>{t('volunteers.poster.scan')}</p>
        <p style={{ fontSize: 12, color: '#666', wordBreak: 'break-all' }}>{url}</p>
      </div>
    </>
  );
}
