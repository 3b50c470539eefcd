import { Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PartyMember } from '../../../shared/party';
import type { TempBranchDetail, TempBranchMember } from '../../../shared/temp-branches';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { tempBranchesApi } from './tempBranchesApi';

interface AddValues {
  partyMemberId?: string;
  role: TempBranchMember['role'];
}

/** One temporary branch: its post, secretary and members (with their home branch); add, take off, close. */
export default function BranchPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const detail = useDetail<TempBranchDetail>(id, tempBranchesApi.branch);
  const [form] = Form.useForm<AddValues>();
  const [closeForm] = Form.useForm<{ reason: string }>();
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const back = <Link to="/temp-branches?tab=branches">{t('tempBranches.back')}</Link>;
  if (!detail.data) return <DetailStatus detail={detail} back={back} />;
  const { branch, members } = detail.data;
  const manage = can.manageBranches(me.role) && branch.status === 'open';

  const add = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await tempBranchesApi.addMember(id, { partyMemberId: v.partyMemberId!, role: v.role });
      feedback.success(t('tempBranches.member.added'));
      form.resetFields();
      detail.reload();
    } catch (err) {
      feedback.formError(form, err, {
        PARTY_MEMBER_NOT_FOUND: 'partyMemberId',
        TEMP_BRANCH_MEMBER_EXISTS: 'partyMemberId',
      });
    } finally {
      setBusy(false);
    }
  };
  const remove = async (m: TempBranchMember) => {
    try {
      await tempBranchesApi.removeMember(id, m.id);
      feedback.success(t('tempBranches.member.removed'));
      detail.reload();
    } catch (err) {
      feedback.error(err);
    }
  };
  const close = async () => {
    const v = await validated(closeForm);
    if (!v) return;
    setBusy(true);
    try {
      await tempBranchesApi.close(id, v.reason.trim());
      feedback.success(t('tempBranches.closed'));
      setClosing(false);
      detail.reload();
    } catch (err) {
      feedback.formError(closeForm, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={
          <Space wrap>
            {branch.name}
            {branch.postEnded && <Tag color="red">{t('tempBranches.postEnded')}</Tag>}
            {branch.status === 'closed' && <Tag>{t('tempBranches.status.closed')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {back}
            {manage && (
              <Button danger onClick={() => setClosing(true)} data-testid="branch-close">
                {t('tempBranches.close')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('tempBranches.post')}>
            <Tag>{t(`tempBranches.post.${branch.postKind}`)}</Tag>
            {branch.postName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tempBranches.region')}>{branch.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('tempBranches.foundedOn')}>{branch.foundedOn}</Descriptions.Item>
          <Descriptions.Item label={t('tempBranches.secretary')}>{branch.secretaryName ?? '—'}</Descriptions.Item>
          {branch.closedAt && (
            <Descriptions.Item label={t('tempBranches.closedAt')}>
              {formatTime(branch.closedAt, locale)}
            </Descriptions.Item>
          )}
          {branch.closeReason && (
            <Descriptions.Item label={t('tempBranches.closeReason')}>{branch.closeReason}</Descriptions.Item>
          )}
          {branch.note && <Descriptions.Item label={t('tempBranches.note')}>{branch.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={`${t('tempBranches.members')}：${members.length}`}>
        <Table<TempBranchMember>
          rowKey="id"
          dataSource={members}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          data-testid="branch-members"
          locale={{ emptyText: t('tempBranches.member.none') }}
          columns={[
            { title: t('tempBranches.member.name'), dataIndex: 'name' },
            {
              title: t('tempBranches.member.role'),
              render: (_, m) => (
                <Tag color={m.role === 'secretary' ? 'red' : undefined}>{t(`tempBranches.member.role.${m.role}`)}</Tag>
              ),
            },
            { title: t('tempBranches.member.homeBranch'), render: (_, m) => m.homeBranch ?? '—' },
            {
              title: t('tempBranches.member.category'),
              render: (_, m) =>
                m.category ? (
                  <Tag color={m.category === 'full' ? 'green' : 'gold'}>
                    {t(`tempBranches.member.category.${m.category}`)}
                  </Tag>
                ) : (
                  <Tag color="default">{t('tempBranches.member.notMember')}</Tag>
                ),
            },
            { title: t('tempBranches.member.phone'), render: (_, m) => m.phone ?? '—' },
            { title: t('tempBranches.member.joinedAt'), render: (_, m) => formatTime(m.joinedAt, locale) },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'remove',
                    render: (_: unknown, m: TempBranchMember) => (
                      <Popconfirm title={t('tempBranches.member.removeConfirm')} onConfirm={() => remove(m)}>
                        <Button size="small" danger type="link">
                          {t('tempBranches.member.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {manage && (
          <Form form={form} layout="inline" initialValues={{ role: 'member' }} style={{ marginTop: 16, rowGap: 8 }}>
            <Form.Item
              name="partyMemberId"
              rules={[{ required: true, message: t('tempBranches.required') }]}
              style={{ minWidth: 280 }}
            >
              <RemoteSelect<PartyMember>
                path="/party/members"
                placeholder={t('tempBranches.member.pick')}
                toOption={(m) => ({ value: m.id, label: `${m.name} · ${m.organisationName}` })}
                data-testid="branch-member-pick"
              />
            </Form.Item>
            <Form.Item name="role">
              <Radio.Group
                options={[
                  { value: 'member', label: t('tempBranches.member.role.member') },
                  { value: 'secretary', label: t('tempBranches.member.role.secretary') },
                ]}
              />
            </Form.Item>
            <Button type="primary" onClick={add} loading={busy} data-testid="branch-member-add">
              {t('tempBranches.member.add')}
            </Button>
          </Form>
        )}
      </Card>
      {closing && (
        <Modal
          open
          title={t('tempBranches.closeTitle')}
          onCancel={() => setClosing(false)}
          onOk={close}
          confirmLoading={busy}
          okButtonProps={{ danger: true, 'data-testid': 'branch-close-submit' }}
          destroyOnHidden
        >
          <Form form={closeForm} layout="vertical">
            <Form.Item
              name="reason"
              label={t('tempBranches.closeReason')}
              rules={[{ required: true, message: t('tempBranches.required') }]}
            >
              <Input maxLength={200} data-testid="branch-close-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
