import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useState, type MouseEvent } from 'react';
import { useFeedback } from '../feedback';
import { useI18n } from '../i18n';

interface Props {
  masked: string | null;
  /** Absent for a role that may not reveal: the masked value alone is shown. */
  reveal?: () => Promise<string | null>;
  /** The eye button's tooltip; "查看完整号码" by default. */
  label?: string;
  /** Prefix of the test hooks: `<prefix>-masked`, `<prefix>-reveal`, `<prefix>-full`. */
  testId?: string;
}

/**
 * A masked value (138****1234, 1407**********1234) with an eye button. Showing the full value is
 * an audited action on the server (`POST …/reveal {field}`), so it is fetched only when asked for.
 */
export function MaskedReveal({ masked, reveal, label, testId = 'phone' }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const title = label ?? t('phone.reveal');
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value)
    return (
      <Typography.Text copyable data-testid={`${testId}-full`}>
        {value}
      </Typography.Text>
    );
  const maskedText = (
    <span data-testid={`${testId}-masked`} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {masked}
    </span>
  );
  if (!reveal) return maskedText;

  // The eye sits in clickable table rows: revealing must not also open the row.
  const onReveal = async (event: MouseEvent) => {
    event.stopPropagation();
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
      {maskedText}
      <Tooltip title={title}>
        <Button
          size="small"
          type="text"
          icon={<EyeOutlined />}
          loading={loading}
          onClick={onReveal}
          aria-label={title}
          data-testid={`${testId}-reveal`}
        />
      </Tooltip>
    </Space>
  );
}

/** A masked phone number with the audited reveal. */
export function PhoneReveal({ masked, reveal }: { masked: string | null; reveal: () => Promise<string | null> }) {
  return <MaskedReveal masked={masked} reveal={reveal} />;
}
