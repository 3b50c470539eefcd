import { Button, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../../shared/enums';
import type { NoticeView } from '../../../shared/notices';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { noticesApi } from './noticesApi';

interface Values {
  kind: 'internal' | 'public';
  title: string;
  body: string;
  regionId: string | null;
  roles: string[];
  urgency: 'routine' | 'urgent' | 'immediate';
}

/**
 * 新建通知 / 公告: an internal notice to a region of my jurisdiction and some roles (none: all), or
 * a public announcement for the public page; saved as a draft or published at once.
 */
export function ComposeNoticeModal({ onClose, onSaved }: { onClose: () => void; onSaved: (n: NoticeView) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState<'draft' | 'publish' | null>(null);
  const kind = Form.useWatch('kind', form);

  const submit = async (publish: boolean) => {
    const v = await validated(form);
    if (!v) return;
    setSaving(publish ? 'publish' : 'draft');
    try {
      const n = await noticesApi.compose({
        kind: v.kind,
        title: v.title.trim(),
        body: v.body.trim(),
        regionId: v.regionId!,
        urgency: v.urgency,
        roles: v.kind === 'internal' ? (v.roles as NoticeView['roles']) : [],
        publish,
      });
      feedback.success(publish ? t('notices.published') : t('notices.saved'));
      onSaved(n);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId', NOTIFICATION_AUDIENCE_INVALID: 'roles' });
    } finally {
      setSaving(null);
    }
  };

  const required = [{ required: true, message: t('notices.required') }];
  return (
    <Modal
      open
      title={t('notices.compose')}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="draft"
          loading={saving === 'draft'}
          onClick={() => void submit(false)}
          data-testid="compose-save-draft"
        >
          {t('notices.saveDraft')}
        </Button>,
        <Button
          key="publish"
          type="primary"
          loading={saving === 'publish'}
          onClick={() => void submit(true)}
          data-testid="compose-publish"
        >
          {t('notices.publishNow')}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'internal',
          regionId: me.region?.id ?? null,
          roles: [],
          urgency: 'routine',
          title: '',
          body: '',
        }}
      >
        <Form.Item
          name="kind"
          label={t('notices.kind')}
          extra={t(kind === 'public' ? 'notices.kindHint.public' : 'notices.kindHint.internal')}
        >
          <Radio.Group
            optionType="button"
            data-testid="compose-kind"
            options={[
              { value: 'internal', label: t('notices.kind.internal') },
              { value: 'public', label: t('notices.kind.public') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('notices.noticeTitle')} rules={required}>
          <Input maxLength={100} data-testid="compose-title" />
        </Form.Item>
        <Form.Item name="body" label={t('notices.body')} rules={required}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 5, maxRows: 14 }} data-testid="compose-body" />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t('notices.region')}
          rules={required}
          extra={kind === 'public' ? undefined : t('notices.regionHint')}
        >
          <RegionPicker valueLabel={me.region?.name} allowClear={false} />
        </Form.Item>
        {kind !== 'public' && (
          <Form.Item name="roles" label={t('notices.roles')} extra={t('notices.rolesHint')}>
            <Checkbox.Group
              data-testid="compose-roles"
              options={ROLES.filter((r) => r !== 'admin').map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="urgency" label={t('notices.urgency')}>
          <Radio.Group
            options={(['routine', 'urgent', 'immediate'] as const).map((u) => ({
              value: u,
              label: t(`notices.urgency.${u}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
