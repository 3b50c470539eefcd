import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { ADMIN_LEVELS, childLevelOf, REGION_LEVELS, type RegionLevel } from '../../../shared/enums';
import type { Region } from '../../../shared/regions';
import { codeFitsParent, isAdminLevel, regionCodeProblem, significantDigits } from '../../../shared/validators';
import { api } from '../../app/api';
import { useFeedback, type ErrorFieldMap, validated } from '../../app/feedback';
import { useI18n, type Translate } from '../../app/i18n';
import { RegionPicker } from './RegionPicker';
import { nameCount } from '../../app/nameInput';

const CODE_ERRORS: ErrorFieldMap = {
  REGION_CODE_INVALID: 'code',
  REGION_CODE_PARENT_MISMATCH: 'code',
  REGION_CODE_TAKEN: 'code',
  REGION_LEVEL_INVALID: 'level',
};

const CODE_DIGITS: Record<RegionLevel, number> = {
  province: 12,
  city: 12,
  county: 12,
  township: 12,
  village: 12,
  grid: 15,
  building: 18,
};

/** The digits a child's code must start with: its parent's significant digits. */
function codePrefix(parent: Pick<Region, 'level' | 'code'>): string {
  return parent.code.slice(0, significantDigits(parent.level));
}

/** Client-side check of a code against GB/T 2260 and its parent; the server checks again. */
function codeRule(t: Translate, level: RegionLevel, parent: Pick<Region, 'level' | 'code'> | null, required: boolean) {
  return {
    validator: async (_: unknown, raw: string | undefined) => {
      const code = raw?.trim() ?? '';
      if (!code) {
        if (required) throw new Error(t('regions.codeRequired'));
        return;
      }
      if (regionCodeProblem(level, code)) {
        throw new Error(t('regions.codeInvalid', { level: t(`level.${level}`), digits: CODE_DIGITS[level] }));
      }
      if (parent && !codeFitsParent(parent.level, parent.code, code)) {
        throw new Error(t('regions.codeParent', { prefix: codePrefix(parent) }));
      }
    },
  };
}

interface CreateForm {
  level: RegionLevel;
  name: string;
  code?: string;
}

/**
 * 新增下级: the level is the next one down from the parent. Administrative levels need their
 * 12-digit statistics code; grids and buildings may leave it empty to be numbered by the server.
 * With no parent (an admin creating the first county) the level is chosen.
 */
export function CreateRegionModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: Region | null;
  onClose: () => void;
  onCreated: (region: Region) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<CreateForm>();
  const [saving, setSaving] = useState(false);
  const fixedLevel = parent ? childLevelOf(parent.level) : null;
  const chosenLevel = Form.useWatch('level', form);
  const level: RegionLevel = fixedLevel ?? chosenLevel ?? 'county';
  const admin = isAdminLevel(level);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const code = values.code?.trim();
      const created = await api.post<Region>('/regions', {
        parentId: parent?.id ?? null,
        level,
        name: values.name.trim(),
        ...(code ? { code } : {}),
      });
      feedback.success(t('regions.created'));
      onCreated(created);
    } catch (err) {
      feedback.formError(form, err, CODE_ERRORS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('regions.createTitle', { level: t(`level.${level}`) })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={submit} data-testid="region-create-submit">
          {t('common.create')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ level: 'county' }} onFinish={submit}>
        {parent ? (
          <Form.Item label={t('regions.parent')}>
            <Typography.Text strong>{parent.name}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {t(`level.${parent.level}`)} · {parent.code}
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="level" label={t('regions.level')} rules={[{ required: true }]}>
            <Select options={ADMIN_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('regions.name')}
          htmlFor="region-name"
          rules={[{ required: true, whitespace: true, message: t('regions.nameRequired') }, { max: 100 }]}
        >
          <Input id="region-name" autoFocus count={nameCount(100)} />
        </Form.Item>
        <Form.Item
          name="code"
          label={admin ? t('regions.code') : `${t('regions.code')}（${t('common.optional')}）`}
          htmlFor="region-code"
          extra={
            admin
              ? parent
                ? t('regions.codeHintAdmin', { prefix: codePrefix(parent) })
                : t('regions.codeHintRoot')
              : t('regions.codeHintOptional')
          }
          rules={[codeRule(t, level, parent, admin)]}
        >
          <Input
            id="region-code"
            inputMode="numeric"
            maxLength={CODE_DIGITS[level]}
            placeholder={parent ? codePrefix(parent).padEnd(CODE_DIGITS[level], 'x') : undefined}
          />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** 重命名: PATCH /api/regions/:id {name}. */
export function RenameRegionModal({
  region,
  onClose,
  onDone,
}: {
  region: Region;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const { name } = values;
    setSaving(true);
    try {
      await api.patch(`/regions/${region.id}`, { name: name.trim() });
      feedback.success(t('common.saved'));
      onDone();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('regions.renameTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: region.name }} onFinish={submit}>
        <Form.Item
          name="name"
          label={t('regions.name')}
          htmlFor="region-rename"
          rules={[{ required: true, whitespace: true, message: t('regions.nameRequired') }, { max: 100 }]}
        >
          <Input id="region-rename" autoFocus count={nameCount(100)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 移动: pick a new parent of the same level as the current one, outside the node's own subtree.
 * An administrative node whose code does not start with the new parent's prefix needs a new code.
 */
export function MoveRegionModal({
  region,
  onClose,
  onDone,
}: {
  region: Region;
  onClose: () => void;
  onDone: (newParentId: string) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ parentId: string; code?: string }>();
  const [target, setTarget] = useState<Region | null>(null);
  const [saving, setSaving] = useState(false);
  const parentLevel = REGION_LEVELS[REGION_LEVELS.indexOf(region.level) - 1];
  const needsCode = !!target && isAdminLevel(region.level) && !codeFitsParent(target.level, target.code, region.code);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const code = values.code?.trim();
      await api.post(`/regions/${region.id}/move`, { parentId: values.parentId, ...(code ? { code } : {}) });
      feedback.success(t('regions.moved'));
      onDone(values.parentId);
    } catch (err) {
      feedback.formError(form, err, {
        ...CODE_ERRORS,
        REGION_MOVE_CYCLE: 'parentId',
        REGION_LEVEL_INVALID: 'parentId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('regions.moveTitle', { name: region.name })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="parentId"
          label={t('regions.moveTarget')}
          htmlFor="region-move-parent"
          extra={parentLevel ? t('regions.moveLevelHint', { level: t(`level.${parentLevel}`) }) : undefined}
          rules={[{ required: true, message: t('regions.moveTargetRequired') }]}
        >
          <RegionPicker
            id="region-move-parent"
            onPick={setTarget}
            isDisabled={(r) => r.path.startsWith(region.path) || r.id === region.parentId || r.level !== parentLevel}
          />
        </Form.Item>
        {needsCode && target && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('regions.moveCodeNeeded', { code: region.code })}
            />
            <Form.Item
              name="code"
              label={t('regions.moveNewCode')}
              htmlFor="region-move-code"
              extra={t('regions.codeHintAdmin', { prefix: codePrefix(target) })}
              rules={[codeRule(t, region.level, target, true)]}
            >
              <Input id="region-move-code" inputMode="numeric" maxLength={12} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
