import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import type { PartyMember } from '../../../shared/party';
import { PagedTable } from '../../app/components/PagedTable';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import type { Paged } from '../../app/usePaged';
import { partyApi } from './partyApi';

const STATUS_COLOUR = { normal: 'default', mobile: 'blue', lost_contact: 'orange' } as const;

/**
 * Party members as a table: ID number and phone masked, each with the audited reveal; edit and
 * remove (with confirmation) for those who manage the roll.
 */
export function MembersTable({
  list,
  mayManage,
  onEdit,
  onRemoved,
  showOrganisation = true,
}: {
  list: Paged<PartyMember>;
  mayManage: boolean;
  onEdit: (member: PartyMember) => void;
  onRemoved: () => void;
  showOrganisation?: boolean;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const remove = async (m: PartyMember) => {
    try {
      await partyApi.removeMember(m.id);
      feedback.success(t('party.members.removed'));
      onRemoved();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <PagedTable<PartyMember>
      list={list}
      data-testid="party-members-table"
      rowKey="id"
      size="small"
      scroll={{ x: 1400 }}
      locale={{ emptyText: t('party.members.empty') }}
      onRow={(m) => ({ 'data-testid': `party-member-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('party.member.name'), dataIndex: 'name', width: 100, fixed: 'left' },
        {
          title: t('party.member.idNumber'),
          key: 'id',
          width: 230,
          render: (_, m) => (
            <MaskedReveal
              key={`id-${m.id}`}
              masked={m.idNumber}
              reveal={() => partyApi.revealMember(m.id, 'idNumber')}
              label={t('party.member.revealId')}
              testId="id"
            />
          ),
        },
        {
          title: t('party.member.phone'),
          key: 'phone',
          width: 160,
          render: (_, m) => (
            <MaskedReveal key={`ph-${m.id}`} masked={m.phone} reveal={() => partyApi.revealMember(m.id, 'phone')} />
          ),
        },
        ...(showOrganisation
          ? [
              { title: t('party.member.organisation'), dataIndex: 'organisationName', width: 180 },
              { title: t('party.member.unit'), dataIndex: 'unitName', width: 150 },
            ]
          : []),
        {
          title: t('party.member.category'),
          width: 100,
          render: (_, m) => (
            <Tag color={m.category === 'full' ? 'red' : 'gold'}>{t(`party.member.category.${m.category}`)}</Tag>
          ),
        },
        {
          title: t('party.member.status'),
          width: 80,
          render: (_, m) => <Tag color={STATUS_COLOUR[m.status]}>{t(`party.member.status.${m.status}`)}</Tag>,
        },
        { title: t('party.member.post'), width: 110, render: (_, m) => m.post ?? '—' },
        { title: t('party.member.joinedOn'), width: 110, render: (_, m) => m.joinedOn ?? '—' },
        ...(mayManage
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 100,
                render: (_: unknown, m: PartyMember) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={t('party.members.edit')}
                      onClick={() => onEdit(m)}
                      data-testid={`party-member-edit-${m.id}`}
                    />
                    <Popconfirm
                      title={t('party.members.removeConfirm', { name: m.name })}
                      okText={t('party.members.remove')}
                      okButtonProps={{ danger: true, 'data-testid': 'party-member-remove-ok' }}
                      onConfirm={() => remove(m)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('party.members.remove')}
                        data-testid={`party-member-remove-${m.id}`}
                      />
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
