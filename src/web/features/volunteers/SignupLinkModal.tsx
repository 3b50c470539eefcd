// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { Button, Form, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { VolunteerSignupLink } from '../../../shared/volunteers';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { volunteersApi } from './volunteersApi';

/** 报名二维码: pick a village or community, get its stable public sign-up link and QR code, print a poster. */
export function SignupLinkModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [link, setLink] = useState<VolunteerSignupLink | null>(null);
  const load = async (regionId: string | null) => {
    setLink(null);
    if (!regionId) return;
    try {
      setLink(await volunteersApi.signupLink(regionId));
    } catch (err) {
      feedback.error(err);
    }
  };
  const renew = async () => {
    if (!link) return;
    try {
      setLink(await volunteersApi.renewLink(link.regionId));
    } catch (err) {
      feedback.error(err);
    }
  };
  const url = link ? `${window.location.origin}${link.path}` : '';
  return (
    <Modal open title={t('volunteers.signupLink')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('volunteers.pickVillage')}>
          <RegionPicker onChange={load} isDisabled={(r) => r.level !== 'village'} />
        </Form.Item>
      </Form>
      {link && (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          <QRCode value={url} size={200} data-testid="volunteer-qr" />
          <Typography.Text copyable data-testid="volunteer-signup-url">
            {url}
          </Typography.Text>
          <Typography.Paragraph type="secondary">{t('volunteers.linkHint')}</Typography.Paragraph>
          <Space>
            <Link to={`/volunteers/poster/${link.regionId}`} target="_blank">
              <Button type="primary">{t('volunteers.printPoster')}</Button>
            </Link>
            <Popconfirm title={t('volunteers.renewConfirm')} onConfirm={renew}>
              <Button danger>{t('volunteers.renewLink')}</Button>
            </Popconfirm>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
