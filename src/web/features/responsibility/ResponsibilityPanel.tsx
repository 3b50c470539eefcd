import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import type { RevealResult } from '../../../shared/audit';
import type { Region } from '../../../shared/regions';
import type { Responsibility } from '../../../shared/responsibility';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { PhoneReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { ResponsibilityModal } from './ResponsibilityModal';

/**
 * 包保责任制 on a region's detail: who answers for this node ("确保全面覆盖" — every unit has
 * someone answerable), with add, edit and remove.
 */
export function ResponsibilityPanel({ region, canEdit }: { region: Region; canEdit: boolean }) {
  const me = useMe();
  const { t } = useI18n();
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const list = usePaged<Responsibility>('/responsibilities', { regionId: region.id, limit: 100 }, feedback.error);
  const [editing, setEditing] = useState<Responsibility | 'new' | null>(null);

  const remove = (row: Responsibility) =>
    modal.confirm({
      title: t('common.delete'),
      content: t('resp.deleteConfirm', { name: row.personName }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.delete(`/responsibilities/${row.id}`);
          feedback.success(t('common.deleted'));
          list.reload();
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  const reveal = async (row: Responsibility) =>
    (await api.post<RevealResult>(`/responsibilities/${row.id}/reveal`, { field: 'phone' })).value;

  return (
    <Card
      size="small"
      title={t('resp.title')}
      data-testid="responsibility-panel"
      extra={
        canEdit &&
        region.status === 'active' && (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="resp-add"
          >
            {t('resp.add')}
          </Button>
        )
      }
    >
      <PagedTable<Responsibility>
        list={list}
        data-testid="responsibility-table"
        size="small"
        rowKey="id"
        scroll={{ x: 640 }}
        locale={{ emptyText: t('resp.empty') }}
        columns={[
          { title: t('resp.personName'), dataIndex: 'personName', width: 110 },
          { title: t('resp.post'), dataIndex: 'post', width: 160 },
          {
            title: t('resp.phone'),
            key: 'phone',
            width: 170,
            render: (_, row) => <PhoneReveal key={row.id} masked={row.phone} reveal={() => reveal(row)} />,
          },
          { title: t('resp.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, row: Responsibility) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(row)}
                        aria-label={t('common.edit')}
                      />
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(row)}
                        aria-label={t('common.delete')}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ResponsibilityModal
          region={region}
          editing={editing === 'new' ? null : editing}
          canLinkUser={can.manageUsers(me.role)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
