import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Site } from '../../../shared/checkpoints';
import type { IsolationSite } from '../../../shared/isolation';
import type { PartyMember } from '../../../shared/party';
import type { Compound, TempBranch } from '../../../shared/temp-branches';
import { useMe } from '../../app/auth';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { POST_KINDS, tempBranchesApi } from './tempBranchesApi';
import { countyToday } from '../../app/format';

interface Values {
  name: string;
  postKind: TempBranch['postKind'];
  checkpointSiteId?: string;
  isolationSiteId?: string;
  compoundId?: string;
  postName?: string;
  regionId?: string | null;
  foundedOn: Dayjs;
  secretaryMemberId?: string;
  note?: string;
}

/** Where the form starts: a flag's "set up a branch here" fills the post. */
export interface BranchPreset {
  postKind: TempBranch['postKind'];
  checkpointSiteId?: string;
  isolationSiteId?: string;
  compoundId?: string;
  /** the post's name, for the suggested branch name and the picker's label */
  postName?: string;
}

/** 建立临时党支部: at a checkpoint, an isolation site, a compound, a ward or a working group, with its secretary. */
export function BranchFormModal({
  preset,
  onClose,
  onSaved,
}: {
  preset?: BranchPreset;
  onClose: () => void;
  onSaved: (branch: TempBranch) => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const postKind = Form.useWatch('postKind', form) ?? preset?.postKind ?? 'checkpoint';
  const required = [{ required: true, message: t('tempBranches.required') }];
  const label = (value: string) =>
    value === preset?.checkpointSiteId || value === preset?.isolationSiteId || value === preset?.compoundId
      ? preset?.postName
      : null;
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const branch = await tempBranchesApi.setUp({
        name: v.name.trim(),
        postKind: v.postKind,
        ...(v.postKind === 'checkpoint' ? { checkpointSiteId: v.checkpointSiteId } : {}),
        ...(v.postKind === 'isolation_site' ? { isolationSiteId: v.isolationSiteId } : {}),
        ...(v.postKind === 'compound' ? { compoundId: v.compoundId } : {}),
        ...(v.postKind === 'ward' || v.postKind === 'working_group'
          ? { postName: v.postName?.trim(), regionId: v.regionId ?? undefined }
          : {}),
        foundedOn: v.foundedOn.format('YYYY-MM-DD'),
        secretaryMemberId: v.secretaryMemberId || undefined,
        note: v.note?.trim() || null,
      });
      feedback.success(t('tempBranches.created'));
      onSaved(branch);
    } catch (err) {
      feedback.formError(form, err, {
        SITE_NOT_FOUND: 'checkpointSiteId',
        ISOLATION_SITE_NOT_FOUND: 'isolationSiteId',
        COMPOUND_NOT_FOUND: 'compoundId',
        REGION_NOT_FOUND: 'regionId',
        PARTY_MEMBER_NOT_FOUND: 'secretaryMemberId',
        TEMP_BRANCH_EXISTS: 'name',
        TEMP_BRANCH_POST_CLOSED: 'name',
      });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('tempBranches.newBranch')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'branch-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          postKind: preset?.postKind ?? 'checkpoint',
          checkpointSiteId: preset?.checkpointSiteId,
          isolationSiteId: preset?.isolationSiteId,
          compoundId: preset?.compoundId,
          name: preset?.postName ? `${preset.postName}临时党支部` : undefined,
          regionId: me.region?.id ?? null,
          foundedOn: countyToday(),
        }}
      >
        <Form.Item name="postKind" label={t('tempBranches.postKind')} rules={required}>
          <Select
            data-testid="branch-post-kind"
            options={POST_KINDS.map((k) => ({ value: k, label: t(`tempBranches.post.${k}`) }))}
          />
        </Form.Item>
        {postKind === 'checkpoint' && (
          <Form.Item name="checkpointSiteId" label={t('tempBranches.checkpointSite')} rules={required}>
            <RemoteSelect<Site>
              path="/checkpoints/sites"
              query={{ status: 'active' }}
              toOption={(s) => ({ value: s.id, label: s.name })}
              labelOf={label}
              data-testid="branch-site"
            />
          </Form.Item>
        )}
        {postKind === 'isolation_site' && (
          <Form.Item name="isolationSiteId" label={t('tempBranches.isolationSite')} rules={required}>
            <RemoteSelect<IsolationSite>
              path="/isolation/sites"
              toOption={(s) => (s.status === 'closed' ? null : { value: s.id, label: s.name })}
              labelOf={label}
              data-testid="branch-isolation-site"
            />
          </Form.Item>
        )}
        {postKind === 'compound' && (
          <Form.Item name="compoundId" label={t('tempBranches.compound')} rules={required}>
            <RemoteSelect<Compound>
              path="/compounds"
              toOption={(c) => ({ value: c.id, label: c.name })}
              labelOf={label}
            />
          </Form.Item>
        )}
        {(postKind === 'ward' || postKind === 'working_group') && (
          <>
            <Form.Item name="postName" label={t('tempBranches.postName')} rules={required}>
              <Input maxLength={80} data-testid="branch-post-name" />
            </Form.Item>
            <Form.Item name="regionId" label={t('tempBranches.region')} rules={required}>
              <RegionPicker valueLabel={me.region?.name} />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('tempBranches.name')} rules={required}>
          <Input maxLength={80} data-testid="branch-name" />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('tempBranches.foundedOn')} rules={required}>
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="secretaryMemberId" label={t('tempBranches.secretary')}>
          <RemoteSelect<PartyMember>
            path="/party/members"
            allowClear
            placeholder={t('tempBranches.member.pick')}
            toOption={(m) => ({ value: m.id, label: `${m.name} · ${m.organisationName}` })}
            data-testid="branch-secretary"
          />
        </Form.Item>
        <Form.Item name="note" label={t('tempBranches.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
