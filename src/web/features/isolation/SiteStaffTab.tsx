import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { IsolationStaff, IsolationStaffRole } from '../../../shared/isolation-staff';
import type { Person } from '../../../shared/residents';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { todayLocal } from './isolationApi';
import { siteStaffApi } from './siteStaffApi';

const ROLES: IsolationStaffRole[] = ['medical', 'security', 'logistics', 'observer', 'other'];

/**
 * A centralised site's staff roster (工作人员): who works there in which role from which day to which,
 * party members marked (亮身份) — the temporary-branch rule (a) counts them. Managers add a registry
 * person (searched by name, pinyin, ID or phone) and end a period with its last day; ended periods
 * stay and are shown with the switch.
 */
export function SiteStaffTab({ siteId, manage, siteOpen }: { siteId: string; manage: boolean; siteOpen: boolean }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [showAll, setShowAll] = useState(false);
  const [items, setItems] = useState<IsolationStaff[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<IsolationStaff | null>(null);

  const load = useCallback(async () => {
    try {
      setItems(await siteStaffApi.list(siteId, showAll ? 'all' : 'current'));
    } catch (err) {
      feedback.error(err);
      setItems([]);
    }
  }, [siteId, showAll, feedback]);
  useEffect(() => {
    void load();
  }, [load]);

  const partyCount = (items ?? []).filter((s) => s.partyMember && (s.toDay === null || s.toDay >= todayLocal())).length;

  return (
    <div data-testid="site-staff">
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Typography.Text type="secondary" data-testid="site-staff-party">
            {t('isolationStaff.partyNow', { n: partyCount })}
          </Typography.Text>
          <Switch size="small" checked={showAll} onChange={setShowAll} data-testid="site-staff-all" />
          <Typography.Text type="secondary">{t('isolationStaff.showEnded')}</Typography.Text>
        </Space>
        {manage && siteOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="site-staff-add">
            {t('isolationStaff.add')}
          </Button>
        )}
      </Space>
      <Table<IsolationStaff>
        size="small"
        rowKey="id"
        loading={items === null}
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={items ?? []}
        locale={{ emptyText: t('isolationStaff.none') }}
        columns={[
          {
            title: t('isolationStaff.person'),
            dataIndex: 'personName',
            render: (v: string, s) => (
              <span data-testid={`staff-${v}`}>
                {v}
                {s.partyMember && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('isolationStaff.partyMember')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('isolationStaff.role'),
            dataIndex: 'role',
            render: (r: IsolationStaffRole) => t(`isolationStaff.role.${r}`),
          },
          { title: t('isolationStaff.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('isolationStaff.fromDay'), dataIndex: 'fromDay', width: 110 },
          {
            title: t('isolationStaff.toDay'),
            dataIndex: 'toDay',
            width: 110,
            render: (v: string | null) => v ?? t('isolationStaff.open'),
          },
          ...(manage
            ? [
                {
                  key: 'end',
                  width: 90,
                  render: (_: unknown, s: IsolationStaff) =>
                    s.toDay === null || s.toDay >= todayLocal() ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setEnding(s)}
                        data-testid={`staff-end-${s.personName}`}
                      >
                        {t('isolationStaff.end')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <AddStaffModal
          siteId={siteId}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
      {ending && (
        <EndStaffModal
          staff={ending}
          onClose={() => setEnding(null)}
          onEnded={() => {
            setEnding(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

interface AddValues {
  personId: string;
  role: IsolationStaffRole;
  fromDay: Dayjs;
  toDay?: Dayjs | null;
  note?: string;
}

function AddStaffModal({ siteId, onClose, onAdded }: { siteId: string; onClose: () => void; onAdded: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<AddValues>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('isolationStaff.required') }];

  const submit = async (v: AddValues) => {
    setSaving(true);
    try {
      await siteStaffApi.add(siteId, {
        personId: v.personId,
        role: v.role,
        fromDay: v.fromDay.format('YYYY-MM-DD'),
        toDay: v.toDay ? v.toDay.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || null,
      });
      feedback.success(t('common.saved'));
      onAdded();
    } catch (err) {
      feedback.formError(form, err, {
        PERSON_NOT_FOUND: 'personId',
        ISOLATION_STAFF_ON_ROSTER: 'personId',
        ISOLATION_STAFF_DAYS: 'toDay',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('isolationStaff.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'site-staff-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'medical', fromDay: dayjs() }}>
        <Form.Item name="personId" label={t('isolationStaff.person')} rules={required}>
          <RemoteSelect<Person>
            path="/persons"
            toOption={(p) => ({
              value: p.id,
              label: `${p.name}（${[p.idNumber ?? p.phone, p.regionName].filter(Boolean).join(' · ')}）`,
            })}
            emptyText={t('isolationStaff.noPersons')}
            placeholder={t('isolationStaff.personPlaceholder')}
            data-testid="site-staff-person"
          />
        </Form.Item>
        <Form.Item name="role" label={t('isolationStaff.role')} rules={required}>
          <Select
            data-testid="site-staff-role"
            options={ROLES.map((r) => ({ value: r, label: t(`isolationStaff.role.${r}`) }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="fromDay" label={t('isolationStaff.fromDay')} rules={required} style={{ flex: 1 }}>
            <DatePicker allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="toDay" label={t('isolationStaff.toDayOptional')} style={{ flex: 1, marginLeft: 8 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="note" label={t('isolationStaff.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndStaffModal({
  staff,
  onClose,
  onEnded,
}: {
  staff: IsolationStaff;
  onClose: () => void;
  onEnded: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    try {
      await siteStaffApi.end(staff.id, day.format('YYYY-MM-DD'));
      feedback.success(t('common.saved'));
      onEnded();
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('isolationStaff.endTitle', { name: staff.personName })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'site-staff-end-ok' }}
    >
      <Space direction="vertical">
        <Typography.Text>{t('isolationStaff.lastDay')}</Typography.Text>
        <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
      </Space>
    </Modal>
  );
}
