import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { VolunteerGroup } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { volunteersApi } from './volunteersApi';

/** 志愿服务小组: the jurisdiction's groups of 3–5 under a leader; form a new one. */
export default function GroupsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = usePaged<VolunteerGroup>('/volunteer-groups', {}, feedback.error);
  return (
    <Card
      title={t('volunteers.groups')}
      extra={
        <>
          <Link to="/volunteers" style={{ marginRight: 12 }}>
            {t('volunteers.back')}
          </Link>
          {can.manageVolunteers(me.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="group-new">
              {t('groups.new')}
            </Button>
          )}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('groups.rule')}</Typography.Paragraph>
      <PagedTable<VolunteerGroup>
        list={list}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('groups.none') }}
        columns={[
          {
            title: t('groups.name'),
            render: (_, g) => (
              <Link to={`/volunteers/groups/${g.id}`} data-testid={`group-link-${g.id}`}>
                {g.name}
              </Link>
            ),
          },
          { title: t('groups.region'), render: (_, g) => g.regionName ?? '—' },
          { title: t('groups.leader'), render: (_, g) => g.leaderName ?? '—' },
          { title: t('groups.size'), dataIndex: 'size' },
          {
            title: t('groups.status'),
            render: (_, g) => (
              <Tag color={g.status === 'active' ? 'green' : 'orange'}>{t(`groups.status.${g.status}`)}</Tag>
            ),
          },
        ]}
      />
      {open && <GroupFormModal onClose={() => setOpen(false)} onSaved={(id) => navigate(`/volunteers/groups/${id}`)} />}
    </Card>
  );
}

function GroupFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (id: string) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ name: string; regionId: string | null; note?: string }>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('volunteers.required') }];
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const group = await volunteersApi.createGroup({
        name: v.name.trim(),
        regionId: v.regionId!,
        note: v.note?.trim() || null,
      });
      feedback.success(t('groups.created'));
      onSaved(group.id);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('groups.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'group-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ regionId: null }}>
        <Form.Item name="name" label={t('groups.name')} rules={required}>
          <Input maxLength={60} data-testid="group-name" />
        </Form.Item>
        <Form.Item name="regionId" label={t('groups.region')} rules={required}>
          <RegionPicker valueLabel={me.region?.name} />
        </Form.Item>
        <Form.Item name="note" label={t('volunteers.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
