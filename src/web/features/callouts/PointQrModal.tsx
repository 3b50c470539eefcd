import { Button, Modal, Space, Typography } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (as the certificate does)
import QRCode from 'antd/es/qr-code';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';

/**
 * The meeting point's QR (/c/at/<code>): shown on the commander's phone or printed and put up at
 * the point; a member whose phone opened their SMS link scans it to check in.
 */
export function PointQrButton({ pointCode, meetingPoint }: { pointCode: string; meetingPoint: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const url = `${window.location.origin}/c/at/${pointCode}`;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="callout-point-qr">
        {t('callouts.pointQr')}
      </Button>
      <Modal
        open={open}
        title={`${t('callouts.pointQr')} · ${meetingPoint}`}
        onCancel={() => setOpen(false)}
        footer={
          <Button type="primary" onClick={() => window.print()}>
            {t('callouts.print')}
          </Button>
        }
      >
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          <QRCode value={url} size={240} type="svg" data-testid="callout-point-qr-code" />
          <Typography.Text code data-testid="callout-point-url">
            {url}
          </Typography.Text>
          <Typography.Paragraph type="secondary">{t('callouts.pointQrHelp')}</Typography.Paragraph>
        </Space>
      </Modal>
    </>
  );
}
