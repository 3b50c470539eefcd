import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Household } from '../../../shared/residents';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { RegionPicker } from '../regions/RegionPicker';
import { HouseholdFormModal } from './HouseholdFormModal';

/** 住户: households of the jurisdiction by room, address or head's name; click one for its members and visits. */
export default function HouseholdsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [regionId, setRegionId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const households = usePaged<Household>(
    '/households',
    { q: q || undefined, regionId: regionId ?? undefined, limit: 50 },
    feedback.error,
  );

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('households.title')}
      extra={
        can.registerPersons(me.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="household-add">
            {t('households.add')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          data-testid="household-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('households.searchPlaceholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          style={{ width: mobile ? 'calc(100vw - 60px)' : 300 }}
        />
        <div style={{ width: mobile ? 'calc(100vw - 60px)' : 240 }}>
          <RegionPicker
            id="household-region-filter"
            value={regionId}
            onChange={setRegionId}
            placeholder={t('persons.regionFilter')}
          />
        </div>
      </Space>
      <PagedTable<Household>
        list={households}
        data-testid="households-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 760 }}
        locale={{ emptyText: t('households.empty') }}
        onRow={(row) =>
          ({
            onClick: () => navigate(`/households/${row.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `household-row-${row.id}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('households.address'),
            dataIndex: 'address',
            render: (v: string, row) => (
              <>
                <Space size={4}>
                  <Typography.Link>{v}</Typography.Link>
                  {row.vacant && <Tag>{t('households.vacant')}</Tag>}
                </Space>
                {mobile && (
                  <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                    {[row.headName, `${row.memberCount} ${t('households.memberCount')}`].filter(Boolean).join(' · ')}
                  </div>
                )}
              </>
            ),
          },
          ...(mobile
            ? []
            : [
                {
                  title: t('households.head'),
                  dataIndex: 'headName',
                  width: 110,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('households.memberCount'), dataIndex: 'memberCount', width: 80 },
                {
                  title: t('households.phone'),
                  dataIndex: 'phone',
                  width: 130,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('households.region'),
                  dataIndex: 'regionName',
                  width: 140,
                  render: (v: string | null) => v ?? '—',
                },
              ]),
        ]}
      />
      {adding && (
        <HouseholdFormModal
          onClose={() => setAdding(false)}
          onSaved={(household) => {
            setAdding(false);
            navigate(`/households/${household.id}`);
          }}
        />
      )}
    </Card>
  );
}
