import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { Detail } from '../useDetail';

interface Props {
  detail: Pick<Detail<unknown>, 'missing' | 'failed' | 'reload'>;
  /** Under the 404: the way back to the list. */
  back?: ReactNode;
  /** The 404's line, when "page not found" is not the right one. */
  notFound?: string;
}

/** What a detail view shows while its record is not there: a spinner, the 404 page, or the failure with a retry. */
export function DetailStatus({ detail, back, notFound }: Props) {
  const { t } = useI18n();
  if (detail.missing)
    return <Result status="404" title="404" subTitle={notFound ?? t('common.notFoundPage')} extra={back} />;
  if (detail.failed) {
    return (
      <Result
        status="error"
        subTitle={t('common.unknownError')}
        extra={
          <Button onClick={detail.reload} data-testid="detail-retry">
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <Spin style={{ display: 'block', margin: 48 }} />;
}
