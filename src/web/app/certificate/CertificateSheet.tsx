import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { formatLongDate } from '../format';
import './certificate.css';

export interface CertificateSheetProps {
  /** where 返回 goes */
  backTo: string;
  /** 打印 */
  printLabel: string;
  /** the sheet's test id; its parts are `<testId>-serial`, `-url`, `-print` */
  testId?: string;
  serialLabel: string;
  serial: string;
  title: string;
  /** the person table and the body paragraphs, in the certificate's own wording */
  children: ReactNode;
  /** the public check page's path (/verify/…, /vs/…, /ledger?code=…); printed with its QR code */
  verifyPath: string;
  verifyHint: string;
  stampLabel: string;
  issuerLabel: string;
  issuer: string;
  /** an instant or a calendar day: printed as a long date in the county's zone */
  issuedAt: string;
}

/**
 * One A4 certificate as every feature prints it: 返回 and 打印 above (not printed), the serial top
 * right, the title, the feature's own body, then the QR code of the public check page with its URL
 * beneath, and the issuer with a space for the stamp and the date of issue.
 */
export function CertificateSheet(props: CertificateSheetProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const testId = props.testId ?? 'certificate';
  const verifyUrl = window.location.origin + props.verifyPath;
  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(props.backTo)}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid={`${testId}-print`}
        >
          {props.printLabel}
        </Button>
      </Space>
      <div className="qf-certificate" data-testid={testId}>
        <div className="qf-cert-serial">
          {props.serialLabel}：<span data-testid={`${testId}-serial`}>{props.serial}</span>
        </div>
        <h1>{props.title}</h1>
        {props.children}
        <div className="qf-cert-footer">
          <div className="qf-cert-qr">
            <QRCode value={verifyUrl} size={120} bordered={false} type="svg" />
            <div className="qf-cert-url" data-testid={`${testId}-url`}>
              {verifyUrl}
            </div>
            <div className="qf-cert-hint">{props.verifyHint}</div>
          </div>
          <div className="qf-cert-issuer">
            <div className="qf-cert-stamp">{props.stampLabel}</div>
            <div>
              {props.issuerLabel}：{props.issuer}
            </div>
            <div>{formatLongDate(props.issuedAt, locale)}</div>
          </div>
        </div>
      </div>
    </>
  );
}
