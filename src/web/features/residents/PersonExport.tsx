import { DownOutlined, FileExcelOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import type { Query } from '../../app/api';
import { api } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

/**
 * 导出 Excel: the filtered list as .xlsx, ID numbers and phones masked. Roles that may reveal get a
 * second choice with the full numbers, behind a confirmation saying the export is audited.
 */
export function PersonExport({ filters, mayReveal }: { filters: Query; mayReveal: boolean }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const [loading, setLoading] = useState(false);

  const download = async (reveal: boolean) => {
    setLoading(true);
    try {
      await api.download('/persons/export', '人员花名册.xlsx', { ...filters, reveal: reveal ? 'true' : undefined });
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };

  const confirmFull = () =>
    modal.confirm({
      title: t('persons.exportFullTitle'),
      icon: <SafetyCertificateOutlined style={{ color: '#d4380d' }} />,
      content: t('persons.exportFullBody'),
      okText: t('persons.exportFullOk'),
      okButtonProps: { danger: true, 'data-testid': 'persons-export-full-ok' },
      onOk: () => download(true),
    });

  const main = (
    <Button
      icon={<FileExcelOutlined />}
      loading={loading}
      onClick={() => void download(false)}
      data-testid="persons-export"
    >
      {t('persons.export')}
    </Button>
  );
  if (!mayReveal) return main;
  return (
    <Space.Compact>
      {main}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'full',
              icon: <SafetyCertificateOutlined />,
              label: <span data-testid="persons-export-full">{t('persons.exportFull')}</span>,
            },
          ],
          onClick: confirmFull,
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('persons.exportFull')} data-testid="persons-export-more" />
      </Dropdown>
    </Space.Compact>
  );
}
