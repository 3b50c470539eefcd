import { CloudDownloadOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import type { RegionImportResult, RegionImportRowError } from '../../../shared/regions';
import { api, ApiError } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 从行政区划库加载: POST /api/regions/load {countyCode} loads a real county's townships and
 * villages from the national division table (GB/T 2260 + the statistics bureau's 12-digit codes).
 */
export function LoadCountyModal({ onClose, onLoaded }: { onClose: () => void; onLoaded: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ countyCode: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const { countyCode } = values;
    setSaving(true);
    try {
      const result = await api.post<RegionImportResult>('/regions/load', { countyCode: countyCode.trim() });
      feedback.success(t('regions.loadResult', result));
      onLoaded();
    } catch (err) {
      feedback.formError(form, err, { DIVISION_NOT_FOUND: 'countyCode' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('regions.loadCounty')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ id: 'region-load-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="countyCode"
          label={t('regions.countyCode')}
          htmlFor="region-county-code"
          extra={t('regions.countyCodeHint')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('regions.countyCodeInvalid') }]}
        >
          <Input id="region-county-code" inputMode="numeric" maxLength={6} placeholder="140728" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 下载导入模板: GET /api/regions/import-template as a download. */
export function TemplateButton() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      await api.download('/regions/import-template', 'regions-template.xlsx');
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={loading} onClick={download} data-testid="region-template">
      {t('regions.template')}
    </Button>
  );
}

/**
 * 导入 Excel: the .xlsx goes up as the raw request body. The import is all-or-nothing; when the
 * server answers IMPORT_INVALID its per-row problems are listed in a table.
 */
export function ImportButton({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [loading, setLoading] = useState(false);
  const [problems, setProblems] = useState<{
    message: string;
    rows: (RegionImportRowError & { key: number })[];
  } | null>(null);

  const upload = async (file: File) => {
    setLoading(true);
    try {
      const result = await api.upload<RegionImportResult>('/regions/import', file, XLSX);
      feedback.success(t('regions.importResult', result));
      onImported();
    } catch (err) {
      const rows =
        err instanceof ApiError ? (err.details as { rows?: RegionImportRowError[] } | undefined)?.rows : undefined;
      // IMPORT_INVALID lists every bad row; a file refused at a limit (IMPORT_TOO_LARGE, …) names the row where reading stopped
      if (err instanceof ApiError && err.code.startsWith('IMPORT_') && Array.isArray(rows)) {
        setProblems({ message: err.message, rows: rows.map((row, key) => ({ ...row, key })) });
      } else feedback.error(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <span data-testid="region-import">
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={loading}>
            {t('regions.import')}
          </Button>
        </Upload>
      </span>
      {problems && (
        <Modal
          open
          width={760}
          title={t('regions.importErrors')}
          onCancel={() => setProblems(null)}
          footer={<Button onClick={() => setProblems(null)}>{t('common.close')}</Button>}
        >
          <Alert type="error" showIcon title={problems.message} style={{ marginBottom: 12 }} />
          <Table<RegionImportRowError & { key: number }>
            data-testid="region-import-errors"
            size="small"
            rowKey="key"
            dataSource={problems.rows}
            pagination={problems.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 560, y: 400 }}
            columns={[
              { title: t('regions.importRow'), dataIndex: 'row', width: 70 },
              {
                title: t('regions.importColumn'),
                dataIndex: 'column',
                width: 110,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('regions.importCode'),
                dataIndex: 'code',
                width: 190,
                render: (v: string) => <code>{v}</code>,
              },
              { title: t('regions.importMessage'), dataIndex: 'message' },
            ]}
          />
        </Modal>
      )}
    </>
  );
}

export function LoadCountyButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button size="small" icon={<CloudDownloadOutlined />} onClick={onClick} data-testid="region-load-county">
      {t('regions.loadCounty')}
    </Button>
  );
}
