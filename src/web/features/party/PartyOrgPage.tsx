import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { PartyMember, PartyOrg } from '../../../shared/party';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { usePaged } from '../../app/usePaged';
import { MembersTable } from './MembersTable';
import { partyApi } from './partyApi';
import { PartyMemberFormModal } from './PartyMemberFormModal';
import { PartyOrgFormModal } from './PartyOrgFormModal';

type Modal = { kind: 'edit' } | { kind: 'child' } | { kind: 'member'; member?: PartyMember };

/** One party organisation: what it is, the organisations directly under it, and its members. */
export default function PartyOrgPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const mayManage = can.manageParty(me.role);
  const detail = useDetail<PartyOrg>(id, partyApi.organisation);
  const [modal, setModal] = useState<Modal>();
  const children = usePaged<PartyOrg>('/party/organisations', { parentId: id, limit: 100 }, feedback.error);
  const members = usePaged<PartyMember>('/party/members', { organisationId: id, limit: 50 }, feedback.error);
  const back = <Link to="/party/organisations">{t('party.orgs.back')}</Link>;
  if (!detail.data) return <DetailStatus detail={detail} back={back} notFound={t('party.orgs.notFound')} />;
  const org = detail.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="party-org-title">{org.name}</span>
            <Tag color="red">{t(`party.org.kind.${org.kind}`)}</Tag>
          </Space>
        }
        extra={
          <Space>
            {back}
            {mayManage && (
              <Button icon={<EditOutlined />} onClick={() => setModal({ kind: 'edit' })} data-testid="party-org-edit">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('party.org.code')}>{org.code ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.org.parent')}>
            {org.parentId ? <Link to={`/party/organisations/${org.parentId}`}>{org.parentName}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.org.unitName')}>
            {org.unitName}（{t(`party.org.unitType.${org.unitType}`)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('party.org.region')}>{org.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.org.secretary')}>{org.secretaryName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('party.org.phone')}>
            <MaskedReveal key={org.id} masked={org.phone} reveal={() => partyApi.revealOrganisationPhone(org.id)} />
          </Descriptions.Item>
          <Descriptions.Item label={t('party.org.fullMembers')}>
            <span data-testid="party-org-full">{org.fullMembers}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('party.org.probationaryMembers')}>{org.probationaryMembers}</Descriptions.Item>
          <Descriptions.Item label={t('party.org.updatedAt')}>{formatTime(org.updatedAt, locale)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {org.kind !== 'branch' && (
        <Card
          size="small"
          title={t('party.orgs.children')}
          extra={
            mayManage && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setModal({ kind: 'child' })}>
                {t('party.orgs.add')}
              </Button>
            )
          }
        >
          <Table<PartyOrg>
            dataSource={children.items}
            loading={children.loading}
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('party.orgs.empty') }}
            columns={[
              {
                title: t('party.org.name'),
                render: (_, o) => <Link to={`/party/organisations/${o.id}`}>{o.name}</Link>,
              },
              { title: t('party.org.kind'), render: (_, o) => t(`party.org.kind.${o.kind}`) },
              { title: t('party.org.unitName'), dataIndex: 'unitName' },
              { title: t('party.org.members'), render: (_, o) => `${o.fullMembers} / ${o.probationaryMembers}` },
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('party.members.ofOrg')}
        extra={
          mayManage && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ kind: 'member' })}
              data-testid="party-org-member-add"
            >
              {t('party.members.add')}
            </Button>
          )
        }
      >
        <MembersTable
          list={members}
          mayManage={mayManage}
          showOrganisation={false}
          onEdit={(member) => setModal({ kind: 'member', member })}
          onRemoved={() => {
            members.reload();
            detail.reload();
          }}
        />
      </Card>
      {modal?.kind === 'edit' && (
        <PartyOrgFormModal
          org={org}
          onClose={() => setModal(undefined)}
          onSaved={(saved) => {
            setModal(undefined);
            detail.setData(saved);
          }}
        />
      )}
      {modal?.kind === 'child' && (
        <PartyOrgFormModal
          parent={{ id: org.id, name: org.name }}
          onClose={() => setModal(undefined)}
          onSaved={(saved) => {
            setModal(undefined);
            navigate(`/party/organisations/${saved.id}`);
          }}
        />
      )}
      {modal?.kind === 'member' && (
        <PartyMemberFormModal
          member={modal.member}
          organisation={{ id: org.id, name: org.name }}
          onClose={() => setModal(undefined)}
          onSaved={() => {
            setModal(undefined);
            members.reload();
            detail.reload();
          }}
        />
      )}
    </Space>
  );
}
