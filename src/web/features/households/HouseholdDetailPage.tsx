import { ArrowLeftOutlined, MedicineBoxOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Person, PersonTag } from '../../../shared/residents';
import type { Visit } from '../../../shared/screening';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { PersonDrawer } from '../residents/PersonDrawer';
import { PersonFormDrawer } from '../residents/PersonFormDrawer';
import { PersonTags } from '../residents/PersonTags';
import { householdApi, householdLabel } from '../residents/residentApi';
import { CaseBadge, usePersonCases } from '../tracing/CaseBadge';
import { VisitHistory } from './VisitHistory';

const EpisodeCreateModal = lazy(() =>
  import('../isolation/EpisodeCreateModal').then((m) => ({ default: m.EpisodeCreateModal })),
);

/** One household: where, who lives there (add a member), and every screening visit. */
export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const detail = useDetail(id, householdApi.get);
  const household = detail.data;
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [isolating, setIsolating] = useState(false);
  const cases = usePersonCases(household?.members.map((m) => m.id) ?? []);

  const loadVisits = useCallback(() => {
    let current = true;
    householdApi
      .visits(id)
      .then((v) => current && setVisits(v))
      .catch(() => current && setVisits([]));
    return () => {
      current = false;
    };
  }, [id]);
  useEffect(loadVisits, [loadVisits]);
  const { reload } = detail;
  const load = useCallback(() => {
    reload();
    loadVisits();
  }, [reload, loadVisits]);

  if (!household) return <DetailStatus detail={detail} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card
          size={mobile ? 'small' : undefined}
          title={
            <span data-testid="household-title">
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate('/households')}
                aria-label={t('households.back')}
              />
              {household.address}
            </span>
          }
        >
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            items={[
              { key: 'head', label: t('households.head'), children: household.headName ?? '—' },
              { key: 'room', label: t('households.room'), children: household.room ?? '—' },
              { key: 'region', label: t('households.building'), children: household.regionName ?? '—' },
              { key: 'phone', label: t('households.phone'), children: household.phone ?? '—' },
              {
                key: 'vacant',
                label: t('households.vacant'),
                children: household.vacant ? t('common.yes') : t('common.no'),
              },
              { key: 'created', label: t('households.createdAt'), children: formatTime(household.createdAt, locale) },
              ...(household.note ? [{ key: 'note', label: t('persons.note'), children: household.note }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('households.members')}（{household.members.length}）
          </Typography.Title>
          <Table<Person>
            data-testid="household-members"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={household.members}
            scroll={{ x: 640 }}
            locale={{ emptyText: t('households.noMembers') }}
            onRow={(row) =>
              ({
                onClick: () => setOpenId(row.id),
                style: { cursor: 'pointer' },
                'data-testid': `member-${row.id}`,
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('persons.name'),
                dataIndex: 'name',
                width: 100,
                render: (v: string) => <Typography.Link>{v}</Typography.Link>,
              },
              {
                title: t('persons.relation'),
                dataIndex: 'relation',
                width: 90,
                render: (v: string | null) => (v ? t(`relation.${v as 'head'}`) : '—'),
              },
              {
                title: t('persons.sex'),
                dataIndex: 'sex',
                width: 60,
                render: (v: Person['sex']) => (v ? t(`sex.${v}`) : '—'),
              },
              {
                title: t('persons.birthDate'),
                dataIndex: 'birthDate',
                width: 110,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('persons.idNumber'),
                dataIndex: 'idNumber',
                width: 190,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('persons.tags'),
                dataIndex: 'tags',
                render: (v: PersonTag[], row) => (
                  <>
                    <CaseBadge value={cases.get(row.id)} />
                    {row.away && <Tag>{t('persons.away')}</Tag>}
                    <PersonTags tags={v} />
                  </>
                ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            {can.registerPersons(me.role) && (
              <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="household-add-member">
                {t('households.addMember')}
              </Button>
            )}
            {can.isolate(me.role) && household.members.length > 0 && (
              <Button icon={<MedicineBoxOutlined />} onClick={() => setIsolating(true)} data-testid="household-isolate">
                {t('isolation.householdIsolate')}
              </Button>
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card size={mobile ? 'small' : undefined} title={t('households.visits')}>
          <VisitHistory visits={visits} />
        </Card>
      </Col>
      {adding && (
        <PersonFormDrawer
          household={{ id: household.id, label: householdLabel(household) }}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            load();
          }}
          onOpenExisting={(p) => setOpenId(p.id)}
        />
      )}
      {isolating && (
        <Suspense fallback={null}>
          <EpisodeCreateModal
            household={{ id: household.id, label: householdLabel(household) }}
            onClose={() => setIsolating(false)}
          />
        </Suspense>
      )}
      {openId && (
        <PersonDrawer
          key={openId}
          personId={openId}
          onClose={() => setOpenId(null)}
          onChanged={load}
          onOpen={setOpenId}
        />
      )}
    </Row>
  );
}
