import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, List, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Gathering } from '../../../shared/gatherings';
import { useMe } from '../../app/auth';
import { LoadMore } from '../../app/components/LoadMore';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { GatheringDrawer, GatheringStatusTag } from './GatheringDrawer';
import { defaultRange, GatheringFigures } from './GatheringFigures';
import { GatheringFormModal } from './GatheringFormModal';
import { OCCASIONS, STATUSES } from './gatheringsApi';

/**
 * 聚集活动: the register of weddings, funerals, banquets and markets in my jurisdiction — filter by
 * dates, occasion, outcome and place; open one to record a persuasion visit or its outcome — and
 * the township figures. At phone width the register is a list of cards a village cadre can tap.
 */
export default function GatheringsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [occasion, setOccasion] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const query = {
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
    occasion,
    status,
    regionId,
    q: q || undefined,
  };
  const gatherings = usePaged<Gathering>('/gatherings', query, feedback.error);
  const { items, setItems, loading, hasMore, loadMore, reload } = gatherings;
  const tab = params.get('tab') === 'figures' ? 'figures' : 'list';
  const replace = (g: Gathering) => setItems((prev) => prev.map((x) => (x.id === g.id ? g : x)));

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker.RangePicker
        value={range}
        onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        inputReadOnly
        placeholder={[t('gatherings.date'), t('gatherings.date')]}
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('gatherings.occasion')}
        value={occasion}
        onChange={setOccasion}
        data-testid="filter-occasion"
        options={OCCASIONS.map((o) => ({ value: o, label: t(`gatherings.occasion.${o}`) }))}
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('gatherings.status')}
        value={status}
        onChange={setStatus}
        data-testid="filter-status"
        options={STATUSES.map((s) => ({ value: s, label: t(`gatherings.status.${s}`) }))}
      />
      <div style={{ width: 220 }}>
        <RegionPicker value={regionId} onChange={setRegionId} />
      </div>
      <Input.Search allowClear placeholder={t('gatherings.search')} onSearch={setQ} style={{ width: 160 }} />
    </Space>
  );

  const list = mobile ? (
    <List<Gathering>
      data-testid="gatherings-list"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('gatherings.none') }}
      renderItem={(g) => (
        <List.Item data-testid={`gathering-${g.id}`} onClick={() => setOpenId(g.id)} style={{ cursor: 'pointer' }}>
          <div style={{ width: '100%' }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>
                {g.date} · {t(`gatherings.occasion.${g.occasion}`)} · {g.hostName}
              </Typography.Text>
              <GatheringStatusTag g={g} />
            </Space>
            <div style={{ color: '#666', fontSize: 13 }}>
              {g.regionName} · {t('gatherings.guests', { n: g.expectedGuests })} ·{' '}
              {t('gatherings.visitsN', { n: g.visits })}
            </div>
          </div>
        </List.Item>
      )}
    />
  ) : (
    <PagedTable<Gathering>
      list={gatherings}
      data-testid="gatherings-table"
      rowKey="id"
      size="middle"
      locale={{ emptyText: t('gatherings.none') }}
      onRow={(g) =>
        ({
          'data-testid': `gathering-${g.id}`,
          onClick: () => setOpenId(g.id),
          style: { cursor: 'pointer' },
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        { title: t('gatherings.date'), dataIndex: 'date', width: 110 },
        {
          title: t('gatherings.occasion'),
          dataIndex: 'occasion',
          width: 110,
          render: (v: Gathering['occasion']) => <Tag>{t(`gatherings.occasion.${v}`)}</Tag>,
        },
        { title: t('gatherings.host'), dataIndex: 'hostName', width: 110 },
        {
          title: t('gatherings.hostPhone'),
          dataIndex: 'hostPhone',
          width: 130,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('gatherings.region'),
          dataIndex: 'regionName',
          render: (v: string | null, g) => `${v ?? '—'}${g.place ? ` · ${g.place}` : ''}`,
        },
        { title: t('gatherings.expected'), dataIndex: 'expectedGuests', width: 100, align: 'right' },
        { title: t('gatherings.status'), key: 'status', width: 170, render: (_, g) => <GatheringStatusTag g={g} /> },
        { title: t('gatherings.visits'), dataIndex: 'visits', width: 90, align: 'right' },
      ]}
    />
  );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('gatherings.title')}
      extra={
        can.handleGatherings(me.role) && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            data-testid="gathering-register"
          >
            {mobile ? null : t('gatherings.register')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'figures' ? { tab: 'figures' } : {}, { replace: true })}
        items={[
          {
            key: 'list',
            label: t('gatherings.list'),
            children: (
              <>
                {filters}
                {list}
                {mobile && <LoadMore hasMore={hasMore} loading={loading} onClick={loadMore} />}
              </>
            ),
          },
          {
            key: 'figures',
            label: <span data-testid="gatherings-tab-figures">{t('gatherings.figures')}</span>,
            children: <GatheringFigures initial={figuresRange(params.get('from'), params.get('to'))} />,
          },
        ]}
      />
      {registering && (
        <GatheringFormModal
          onClose={() => setRegistering(false)}
          onSaved={(g) => {
            setRegistering(false);
            reload();
            setOpenId(g.id);
          }}
        />
      )}
      {openId && <GatheringDrawer id={openId} onClose={() => setOpenId(null)} onChanged={replace} />}
    </Card>
  );
}

/** ?from=&to= from a link (the demo's Spring Festival: /gatherings?tab=figures&from=2020-01-18&to=2020-02-15), else around today. */
function figuresRange(from: string | null, to: string | null): [Dayjs, Dayjs] {
  return from && to && dayjs(from).isValid() && dayjs(to).isValid() ? [dayjs(from), dayjs(to)] : defaultRange();
}
