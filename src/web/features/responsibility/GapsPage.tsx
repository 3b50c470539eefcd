import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { REGION_LEVELS, type RegionLevel } from '../../../shared/enums';
import type { Region } from '../../../shared/regions';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';

type Gap = Region & { pathNames: string };

/**
 * 责任空白: every active node in the user's jurisdiction with nobody answerable for it. "确保全面覆盖"
 * — this list should be empty; each row links to the node to assign someone.
 */
export default function GapsPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [level, setLevel] = useState<RegionLevel | undefined>(undefined);
  const gaps = usePaged<Gap>('/responsibilities/gaps', { level, limit: 100 }, feedback.error);
  const open = (row: Gap) => navigate(`/regions/${row.id}`);

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('gaps.title')}
      extra={
        <Select<RegionLevel | undefined>
          data-testid="gaps-level"
          value={level}
          onChange={setLevel}
          allowClear
          placeholder={t('gaps.allLevels')}
          style={{ minWidth: 140 }}
          options={REGION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
      }
    >
      <Alert type="info" showIcon title={t('gaps.subtitle')} style={{ marginBottom: 16 }} />
      <PagedTable<Gap>
        list={gaps}
        data-testid="gaps-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 720 }}
        locale={{ emptyText: t('gaps.none') }}
        onRow={(row) =>
          ({
            onClick: () => open(row),
            style: { cursor: 'pointer' },
            'data-testid': `gap-${row.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('regions.name'),
            key: 'name',
            render: (_, row) => <Typography.Link>{row.name}</Typography.Link>,
          },
          {
            title: t('regions.level'),
            dataIndex: 'level',
            width: 120,
            render: (l: RegionLevel) => <Tag color="orange">{t(`level.${l}`)}</Tag>,
          },
          { title: t('regions.code'), dataIndex: 'code', width: 170 },
          {
            title: t('gaps.path'),
            dataIndex: 'pathNames',
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          {
            title: t('common.actions'),
            key: 'go',
            width: 110,
            render: (_, row) => (
              <Button
                size="small"
                icon={<ArrowRightOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  open(row);
                }}
              >
                {t('gaps.open')}
              </Button>
            ),
          },
        ]}
      />
      {!gaps.hasMore && gaps.items.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 12 }}>
          {t('common.total', { n: gaps.items.length })}
        </Typography.Text>
      )}
    </Card>
  );
}
