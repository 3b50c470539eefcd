import { PhoneOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useFeedback } from '../feedback';
import { useI18n } from '../i18n';

interface Props {
  /**
   * Fetches the full number from the server, which checks that the call is the user's own work and
   * audits it as a reveal with its purpose (随访, 转诊联系, 流调).
   */
  number: () => Promise<string>;
  /** `data-testid` of the button; the dial link that replaces it gets `<testId>-link`. */
  testId: string;
  /** Who is called, for the button's accessible name: "拨打 张三". */
  name?: string;
}

/**
 * A call button for a phone (issue 18, "observers call people"): one tap fetches the full number and
 * opens the phone's dialer (`tel:`); the button then stays as a dial link showing the number, so a
 * second call needs no second reveal. Lists keep showing numbers masked; only this tap reveals one.
 * At least 44 px tall, for a thumb.
 */
export function CallButton({ number, testId, name }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [phone, setPhone] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const dialled = useRef(false);

  // the first reveal dials at once, as the tap meant
  useEffect(() => {
    if (phone && !dialled.current) {
      dialled.current = true;
      link.current?.click();
    }
  }, [phone]);

  const label = name ? t('call.callName', { name }) : t('call.call');
  const style = { minHeight: 44, minWidth: 44 };
  if (phone)
    return (
      <a
        ref={link}
        href={`tel:${phone}`}
        className="ant-btn ant-btn-default"
        style={{ ...style, display: 'inline-flex', alignItems: 'center', gap: 6, padding: '0 12px' }}
        aria-label={label}
        data-testid={`${testId}-link`}
        onClick={(event) => event.stopPropagation()}
      >
        <PhoneOutlined />
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone}</span>
      </a>
    );

  const onCall = async (event: MouseEvent) => {
    // the button may sit inside a clickable card or row: calling must not also open it
    event.stopPropagation();
    setLoading(true);
    try {
      setPhone(await number());
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button
      icon={<PhoneOutlined />}
      loading={loading}
      onClick={onCall}
      aria-label={label}
      data-testid={testId}
      style={style}
    >
      {t('call.call')}
    </Button>
  );
}
