import { Alert, Button, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';

interface Props {
  /** the user's own request for this person is already waiting */
  pending: boolean;
  filing: boolean;
  onRequest: (reason: string) => void;
}

/**
 * The answer to PERSON_REGISTERED_ELSEWHERE: the ID number belongs to a person registered in
 * another jurisdiction. Nothing was changed and nothing about them is shown; the user may ask that
 * jurisdiction to release them (迁入申请), saying why.
 */
export function RegisteredElsewhere({ pending, filing, onRequest }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Alert
      data-testid="person-elsewhere"
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('transfer.elsewhereTitle')}
      description={
        pending ? (
          <div data-testid="person-elsewhere-pending">
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('transfer.alreadyPending')}</Typography.Paragraph>
            <Link to="/persons/transfers?box=outgoing">{t('transfer.openList')}</Link>
          </div>
        ) : (
          <div>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('transfer.elsewhereBody')}</Typography.Paragraph>
            <Input.TextArea
              data-testid="transfer-reason"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('transfer.reasonPlaceholder')}
              style={{ marginBottom: 8 }}
            />
            <Button
              type="primary"
              ghost
              loading={filing}
              onClick={() => onRequest(reason.trim())}
              data-testid="transfer-request"
            >
              {t('transfer.request')}
            </Button>
          </div>
        )
      }
    />
  );
}
