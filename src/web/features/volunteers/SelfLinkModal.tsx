// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { Alert, Button, Form, InputNumber, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { VolunteerSelfLink } from '../../../shared/volunteers';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { volunteersApi } from './volunteersApi';
import './self-link.css';

/**
 * 个人签到链接: issue a volunteer's personal link (shown this once, with its QR code, to hand over or
 * print; the earlier link stops working) or revoke it (a lost phone).
 */
export function SelfLinkModal({
  volunteerId,
  name,
  onClose,
}: {
  volunteerId: string;
  name: string;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [days, setDays] = useState(30);
  const [link, setLink] = useState<VolunteerSelfLink | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      setLink(await volunteersApi.issueSelfLink(volunteerId, days));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    try {
      await volunteersApi.revokeSelfLink(volunteerId);
      setLink(null);
      feedback.success(t('volunteers.selfLink.revoked'));
    } catch (err) {
      feedback.error(err);
    }
  };
  const url = link ? `${window.location.origin}${link.path}` : '';
  return (
    <Modal
      open
      title={`${t('volunteers.selfLink')} · ${name}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      className="self-link-modal"
    >
      <Typography.Paragraph>{t('volunteers.selfLink.intro')}</Typography.Paragraph>
      {link ? (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          <QRCode value={url} size={200} />
          <Typography.Text copyable strong data-testid="self-link-url">
            {url}
          </Typography.Text>
          <Typography.Text type="secondary">
            {name} · {t('volunteers.selfLink.expires', { at: formatTime(link.expiresAt, locale) })}
          </Typography.Text>
          <Alert type="warning" showIcon message={t('volunteers.selfLink.onceOnly')} className="no-print" />
          <Button onClick={() => window.print()} className="no-print">
            {t('volunteers.selfLink.print')}
          </Button>
        </Space>
      ) : (
        <Form layout="inline">
          <Form.Item label={t('volunteers.selfLink.days')}>
            <InputNumber min={1} max={180} value={days} onChange={(v) => setDays(v ?? 30)} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" loading={busy} onClick={issue} data-testid="self-link-issue">
              {t('volunteers.selfLink.issue')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <div className="no-print" style={{ marginTop: 16, textAlign: 'right' }}>
        <Popconfirm title={t('volunteers.selfLink.revokeConfirm')} onConfirm={revoke}>
          <Button danger data-testid="self-link-revoke">
            {t('volunteers.selfLink.revoke')}
          </Button>
        </Popconfirm>
      </div>
    </Modal>
  );
}
