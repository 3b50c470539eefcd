import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { useNavigate, useParams } from 'react-router-dom';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { reportingApi } from './reportingApi';
import './poster.css';

/**
 * 报到海报: an A4 poster for the community's notice board with a QR code of its reporting page
 * (/bd/<slug>, stable: a reprint carries the same code) and the address printed beneath.
 */
export default function PosterPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const detail = useDetail(id, reportingApi.link);
  const link = detail.data;
  if (!link) return <DetailStatus detail={detail} />;
  const url = window.location.origin + link.path;
  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/reporting')}>
          {t('reporting.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('reporting.print')}
        </Button>
      </Space>
      <div className="qf-poster" data-testid="reporting-poster-sheet">
        <h1>{t('reporting.posterTitle')}</h1>
        <h2>{link.communityName}</h2>
        <p className="qf-poster-body">{t('reporting.posterBody', { community: link.communityName })}</p>
        <div className="qf-poster-qr">
          <QRCode value={url} size={260} bordered={false} type="svg" />
          <div className="qf-poster-url" data-testid="reporting-poster-url">
            {url}
          </div>
          <div>{t('reporting.posterHint')}</div>
        </div>
      </div>
    </>
  );
}
