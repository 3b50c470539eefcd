import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../feedback';
import { useI18n } from '../i18n';

/**
 * A masked phone (138****1234) with an eye button. Showing the full number is an audited action on
 * the server (`POST …/reveal {field:"phone"}`), so it is fetched only when asked for.
 */
export function PhoneReveal({ masked, reveal }: { masked: string | null; reveal: () => Promise<string | null> }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value) return <Typography.Text copyable data-testid="phone-full">{value}</Typography.Text>;

  const onReveal = async () => {
    setLoading(true);
    try {
      setValue((await reveal()) ?? masked);
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={4}>
      <span data-testid="phone-masked">{masked}</span>
      <Tooltip title={t('phone.reveal')}>
        <Button
          size="small"
          type="text"
          icon={<EyeOutlined />}
          loading={loading}
          onClick={onReveal}
          aria-label={t('phone.reveal')}
          data-testid="phone-reveal"
        />
      </Tooltip>
    </Space>
  );
}
