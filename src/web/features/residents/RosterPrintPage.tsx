import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Person } from '../../../shared/residents';
import { fetchAll } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { countyDay, formatLongDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { householdApi } from './residentApi';
import './roster-print.css';

/** A roster longer than this is better exported to Excel than printed. */
const MAX_ROWS = 2000;

/** The households' addresses, a few requests at a time (the person list carries only the household id). */
async function addressesOf(ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        out.set(id, (await householdApi.get(id)).address);
      } catch {
        // out of scope or gone: the region name stands in
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}

/**
 * 打印花名册: the persons list as filtered (q, tag, regionId from the URL) on A4 with 序号, 姓名, 性别,
 * 出生日期, masked 证件号码 and 手机, 住址, 标签 and an empty 签字 column for the door-to-door check.
 * The print dialog opens once the list has loaded; print CSS hides the app around it.
 */
export default function RosterPrintPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [rows, setRows] = useState<(Person & { address: string })[] | null>(null);
  const printed = useRef(false);
  const key = ['q', 'tag', 'regionId'].map((k) => `${k}=${encodeURIComponent(params.get(k) ?? '')}`).join('&');

  useEffect(() => {
    let cancelled = false;
    const query = Object.fromEntries([...new URLSearchParams(key)].filter(([, v]) => v));
    fetchAll<Person>('/persons', { ...query, limit: 500 }, MAX_ROWS / 500)
      .then(async (persons) => {
        const addresses = await addressesOf([
          ...new Set(persons.map((p) => p.householdId).filter((id): id is string => !!id)),
        ]);
        if (!cancelled)
          setRows(
            persons.map((p) => ({
              ...p,
              address: (p.householdId && addresses.get(p.householdId)) || p.regionName || '',
            })),
          );
      })
      .catch((err: unknown) => !cancelled && feedback.error(err));
    return () => {
      cancelled = true;
    };
  }, [key, feedback]);

  useEffect(() => {
    if (!rows || printed.current || params.get('print') !== '1') return;
    printed.current = true;
    setTimeout(() => window.print(), 300);
  }, [rows, params]);

  const filters = [params.get('q'), params.get('tag') ? t(`tag.${params.get('tag') as 'fever'}`) : null]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!rows}
          onClick={() => window.print()}
          data-testid="roster-print"
        >
          {t('residentRoster.print')}
        </Button>
      </Space>
      {rows && rows.length >= MAX_ROWS && (
        <Alert
          className="qf-noprint"
          type="warning"
          showIcon
          title={t('residentRoster.truncated', { n: MAX_ROWS })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card className="qf-roster" data-testid="roster">
        <h1>{t('residentRoster.title', { scope: me.region?.name ?? '' })}</h1>
        <div className="qf-roster-meta">
          {filters && `${filters} · `}
          {t('residentRoster.count', { n: rows?.length ?? 0 })} ·{' '}
          {t('residentRoster.printedAt', { date: formatLongDate(countyDay(), locale) })}
        </div>
        {!rows ? (
          <Spin />
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <thead>
                <tr>
                  <th>{t('residentRoster.no')}</th>
                  <th>{t('persons.name')}</th>
                  <th>{t('persons.sex')}</th>
                  <th>{t('persons.birthDate')}</th>
                  <th>{t('persons.idNumber')}</th>
                  <th>{t('residentRoster.phone')}</th>
                  <th>{t('persons.address')}</th>
                  <th>{t('persons.tags')}</th>
                  <th>{t('residentRoster.sign')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  <tr key={p.id}>
                    <td className="num">{i + 1}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{p.name}</td>
                    <td className="num">{p.sex ? t(`sex.${p.sex}`) : ''}</td>
                    <td className="num">{p.birthDate ?? ''}</td>
                    <td className="num">{p.idNumber ?? ''}</td>
                    <td className="num">{p.phone ?? ''}</td>
                    <td>{p.address}</td>
                    <td>{p.tags.map((tag) => t(`tag.${tag}`)).join('、')}</td>
                    <td className="sign" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
