import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Room } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { isolationApi, todayLocal } from './isolationApi';
import { AddRoomsModal, SiteFormModal } from './SiteModals';
import { SiteStaffTab } from './SiteStaffTab';

type Occupant = Room['occupants'][number] & { room: string };

/**
 * One centralised site: a grid of its rooms with who is in each and when they leave, and the
 * departures in date order (who leaves when). Rooms are added in a range or by label, and closed.
 */
export default function IsolationSiteDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const detail = useDetail(id, isolationApi.site);
  const { data, reload: load } = detail;
  const [dialog, setDialog] = useState<'edit' | 'rooms' | null>(null);
  const manage = can.manageIsolationSites(me.role);

  const setRoomStatus = async (room: Room, status: 'available' | 'closed') => {
    try {
      await isolationApi.updateRoom(room.id, { status });
      feedback.success(t('common.saved'));
      load();
    } catch (err) {
      feedback.error(err);
    }
  };

  if (!data) return <DetailStatus detail={detail} />;
  const { site, rooms } = data;
  const today = todayLocal();
  const departures: Occupant[] = rooms
    .flatMap((r) => r.occupants.map((o) => ({ ...o, room: r.label })))
    .sort((a, b) => a.plannedEndDay.localeCompare(b.plannedEndDay));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          size={mobile ? 'small' : undefined}
          title={
            <span data-testid="isolation-site-title">
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate('/isolation/sites')}
                aria-label={t('common.back')}
              />
              {site.name}{' '}
              <Tag color={site.status === 'active' ? 'green' : 'default'}>
                {t(`isolationSites.status.${site.status}`)}
              </Tag>
            </span>
          }
          extra={
            manage && (
              <span style={{ display: 'inline-flex', gap: 8 }}>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                  {mobile ? null : t('common.edit')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog('rooms')}
                  data-testid="rooms-add"
                >
                  {t('isolationSites.addRooms')}
                </Button>
              </span>
            )
          }
        >
          <Descriptions
            size="small"
            column={mobile ? 1 : 3}
            items={[
              { key: 'region', label: t('isolationSites.region'), children: site.regionName ?? '—' },
              { key: 'address', label: t('isolationSites.address'), children: site.address ?? '—' },
              {
                key: 'contact',
                label: t('isolationSites.contact'),
                children: [site.contactName, site.contactPhone].filter(Boolean).join(' ') || '—',
              },
              {
                key: 'occupied',
                label: t('isolationSites.occupied'),
                children: (
                  <span data-testid="isolation-site-occupancy">
                    {site.occupied} / {site.capacity}（{t('isolationSites.roomsN', { n: site.rooms })}）
                  </span>
                ),
              },
            ]}
          />
          <Tabs
            items={[
              {
                key: 'rooms',
                label: t('isolationStaff.tab.rooms'),
                children: (
                  <>
                    {rooms.length === 0 ? (
                      <Empty description={t('isolationSites.noRooms')} />
                    ) : (
                      <div
                        style={{
                          display: 'grid',
                          gridTemplateColumns: `repeat(auto-fill, minmax(${mobile ? 140 : 170}px, 1fr))`,
                          gap: 8,
                          marginTop: 12,
                        }}
                        data-testid="rooms-grid"
                      >
                        {rooms.map((room) => {
                          const full = room.occupants.length >= room.capacity;
                          const closed = room.status === 'closed';
                          return (
                            <div
                              key={room.id}
                              data-testid={`room-${room.label}`}
                              style={{
                                border: `1px solid ${closed ? '#d9d9d9' : full ? '#ffa39e' : '#b7eb8f'}`,
                                background: closed ? '#fafafa' : full ? '#fff1f0' : '#f6ffed',
                                borderRadius: 8,
                                padding: 8,
                                minHeight: 86,
                              }}
                            >
                              <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                                <Typography.Text strong style={{ fontSize: 16 }}>
                                  {room.label}
                                </Typography.Text>
                                <Typography.Text type="secondary" style={{ fontSize: 12, flex: 1 }}>
                                  {room.occupants.length}/{room.capacity}
                                </Typography.Text>
                                {closed && <Tag>{t('isolationSites.roomClosed')}</Tag>}
                              </div>
                              {room.occupants.map((o) => (
                                <div key={o.episodeId} style={{ fontSize: 13 }}>
                                  <Link to={`/isolation/episodes/${o.episodeId}`}>{o.personName}</Link>
                                  <Typography.Text
                                    type={o.plannedEndDay <= today ? 'danger' : 'secondary'}
                                    style={{ fontSize: 12 }}
                                  >
                                    {' '}
                                    {t('isolationSites.leaves', { day: o.plannedEndDay.slice(5) })}
                                  </Typography.Text>
                                </div>
                              ))}
                              {!room.occupants.length && !closed && (
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {t('isolationSites.free')}
                                </Typography.Text>
                              )}
                              {manage && !room.occupants.length && (
                                <div style={{ marginTop: 4 }}>
                                  {closed ? (
                                    <Button
                                      size="small"
                                      type="link"
                                      style={{ padding: 0 }}
                                      onClick={() => setRoomStatus(room, 'available')}
                                    >
                                      {t('isolationSites.reopenRoom')}
                                    </Button>
                                  ) : (
                                    <Popconfirm
                                      title={t('isolationSites.closeRoomConfirm', { label: room.label })}
                                      onConfirm={() => setRoomStatus(room, 'closed')}
                                    >
                                      <Button
                                        size="small"
                                        type="link"
                                        danger
                                        style={{ padding: 0 }}
                                        data-testid={`room-close-${room.label}`}
                                      >
                                        {t('isolationSites.closeRoom')}
                                      </Button>
                                    </Popconfirm>
                                  )}
                                </div>
                              )}
                            </div>
                          );
                        })}
                      </div>
                    )}
                  </>
                ),
              },
              {
                key: 'staff',
                label: <span data-testid="site-tab-staff">{t('isolationStaff.tab.staff')}</span>,
                children: <SiteStaffTab siteId={site.id} manage={manage} siteOpen={site.status === 'active'} />,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size={mobile ? 'small' : undefined} title={t('isolationSites.departures')}>
          <Table<Occupant>
            size="small"
            rowKey="episodeId"
            pagination={false}
            dataSource={departures}
            locale={{ emptyText: t('isolationSites.nobody') }}
            columns={[
              {
                title: t('isolation.plannedEnd'),
                dataIndex: 'plannedEndDay',
                width: 110,
                render: (v: string) => <Typography.Text type={v <= today ? 'danger' : undefined}>{v}</Typography.Text>,
              },
              { title: t('isolation.room'), dataIndex: 'room', width: 70 },
              {
                title: t('isolation.person'),
                dataIndex: 'personName',
                render: (v: string, row) => <Link to={`/isolation/episodes/${row.episodeId}`}>{v}</Link>,
              },
            ]}
          />
        </Card>
      </Col>
      {dialog === 'edit' && (
        <SiteFormModal
          site={site}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            load();
          }}
        />
      )}
      {dialog === 'rooms' && (
        <AddRoomsModal
          siteId={site.id}
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            load();
          }}
        />
      )}
    </Row>
  );
}
