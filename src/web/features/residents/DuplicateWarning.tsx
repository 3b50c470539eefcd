import { ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import type { Person } from '../../../shared/residents';
import { useI18n } from '../../app/i18n';
import { PersonTags } from './PersonTags';

interface Props {
  candidates: Person[];
  saving: boolean;
  onConfirm: () => void;
  onOpen: (person: Person) => void;
}

/**
 * The answer to LIKELY_DUPLICATE: the registered persons with the same name and the same birth date
 * or phone. The user either opens the existing record or confirms this is somebody else.
 */
export function DuplicateWarning({ candidates, saving, onConfirm, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <Alert
      data-testid="person-duplicates"
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('personForm.dupTitle')}
      description={
        <div>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('personForm.dupBody')}</Typography.Paragraph>
          {candidates.map((p) => (
            <div
              key={p.id}
              data-testid={`person-duplicate-${p.id}`}
              style={{
                background: '#fff',
                border: '1px solid #ffe58f',
                borderRadius: 6,
                padding: '8px 10px',
                marginBottom: 8,
              }}
            >
              <Space wrap size={[8, 4]} style={{ width: '100%', justifyContent: 'space-between' }}>
                <span>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {[p.sex ? t(`sex.${p.sex}`) : null, p.birthDate, p.idNumber, p.phone].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </span>
                <Button
                  size="small"
                  icon={<ExportOutlined />}
                  onClick={() => onOpen(p)}
                  data-testid={`person-dup-open-${p.id}`}
                >
                  {t('personForm.dupOpen')}
                </Button>
              </Space>
              <div style={{ marginTop: 4, fontSize: 12, color: '#666' }}>
                {p.regionName ?? '—'} <PersonTags tags={p.tags} />
              </div>
            </div>
          ))}
          <Button type="primary" ghost loading={saving} onClick={onConfirm} data-testid="person-dup-confirm">
            {t('personForm.dupConfirm')}
          </Button>
        </div>
      }
    />
  );
}
