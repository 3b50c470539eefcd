import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatLongDate as longDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { pledgesApi } from './pledgesApi';
import '../reporting/poster.css';

/**
 * 请战书, A4: the serial, the text as it was signed, the unit, the signer with their drawn signature
 * (the image the server checked and kept) and the date.
 */
export default function PledgePrintPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const detail = useDetail(id, pledgesApi.pledge);
  const pledge = detail.data;
  if (!pledge) return <DetailStatus detail={detail} />;
  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/pledges')}>
          {t('reporting.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="pledge-print">
          {t('pledges.print')}
        </Button>
      </Space>
      <div className="qf-pledge" data-testid="pledge-sheet">
        <div className="qf-pledge-serial">
          {t('pledges.printSerial')}：<span data-testid="pledge-serial">{pledge.serial}</span>
        </div>
        <h1>{t('pledges.printTitle')}</h1>
        <p className="qf-pledge-body" data-testid="pledge-body">
          {pledge.text}
        </p>
        <div className="qf-pledge-sign">
          <div>
            {t('pledges.printUnit')}：{pledge.unitName}
          </div>
          {pledge.partyOrganisation && (
            <div>
              {t('pledges.printParty')}：{pledge.partyOrganisation}
            </div>
          )}
          <div>
            {t('pledges.printSigner')}：{pledge.name}
          </div>
          <img src={pledgesApi.signatureUrl(pledge.id)} alt={pledge.name} data-testid="pledge-signature" />
          <div>
            {t('pledges.printDate')}：{longDate(pledge.signedOn, locale)}
          </div>
        </div>
      </div>
    </>
  );
}
