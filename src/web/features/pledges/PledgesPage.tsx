import { EditOutlined, PlusOutlined, PrinterOutlined, QrcodeOutlined, SignatureOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Select, Space, Table, Tag, Typography } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Pledge, PledgeUnit } from '../../../shared/pledges';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { AssignPostModal } from '../reporting/AssignPostModal';
import { pledgesApi } from './pledgesApi';
import { OnSitePledgeModal } from './OnSitePledgeModal';
import { UnitModal } from './UnitModal';

/**
 * 请战书: the units of the jurisdiction that collect pledges (their text, their signing link and QR
 * code), and the pledges of the unit picked — print one (A4) or turn it into an assignment.
 */
export default function PledgesPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [units, setUnits] = useState<PledgeUnit[] | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [editing, setEditing] = useState<PledgeUnit | 'new' | null>(null);
  const [showLink, setShowLink] = useState<PledgeUnit | null>(null);
  const [assigning, setAssigning] = useState<Pledge | null>(null);
  const [version, setVersion] = useState(0);
  const [signing, setSigning] = useState(false);
  const navigate = useNavigate();
  const list = usePaged<Pledge>('/pledges', { unitId }, feedback.error, version);

  const loadUnits = useCallback(() => pledgesApi.units().then(setUnits).catch(feedback.error), [feedback.error]);
  useEffect(() => {
    void loadUnits();
  }, [loadUnits]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('pledges.units')}
        extra={
          <Space wrap>
            <Button
              type="primary"
              icon={<SignatureOutlined />}
              disabled={!units?.length}
              onClick={() => setSigning(true)}
              data-testid="onsite-open"
            >
              {t('pledgeSigning.open')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-new">
              {t('pledges.newUnit')}
            </Button>
          </Space>
        }
      >
        <Table<PledgeUnit>
          rowKey="id"
          size="small"
          loading={!units}
          dataSource={units ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('pledges.noUnits') }}
          columns={[
            { title: t('pledges.unitName'), dataIndex: 'name' },
            { title: t('pledges.count'), dataIndex: 'pledges' },
            {
              title: t('common.actions'),
              render: (_, u) => (
                <Space>
                  <Button size="small" icon={<QrcodeOutlined />} onClick={() => setShowLink(u)}>
                    {t('pledges.link')}
                  </Button>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                    {t('pledges.editText')}
                  </Button>
                  <Button size="small" onClick={() => setUnitId(u.id)}>
                    {t('pledges.list')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('pledges.list')}
        extra={
          <Select
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('pledges.pickUnit')}
            value={unitId}
            onChange={setUnitId}
            options={(units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        }
      >
        <PagedTable<Pledge>
          list={list}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('pledges.empty') }}
          columns={[
            { title: t('pledges.serial'), dataIndex: 'serial' },
            { title: t('pledges.name'), dataIndex: 'name' },
            { title: t('pledges.idNumber'), dataIndex: 'idNumber' },
            { title: t('pledges.printUnit'), dataIndex: 'unitName' },
            {
              title: t('pledges.party'),
              render: (_, p) =>
                p.partyOrganisation ? <Tag color="red">{p.partyOrganisation}</Tag> : t('pledges.notMember'),
            },
            { title: t('pledges.signedOn'), dataIndex: 'signedOn' },
            {
              title: t('pledges.assignment'),
              render: (_, p) => (
                <Tag color={p.assignment ? 'green' : 'default'}>
                  {t(p.assignment ? `pledges.assignment.${p.assignment.kind}` : 'pledges.assignment.none')}
                </Tag>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, p) => (
                <Space>
                  <Link to={`/pledges/${p.id}/print`} data-testid={`pledge-print-${p.serial}`}>
                    <PrinterOutlined /> {t('pledges.print')}
                  </Link>
                  {!p.assignment && (
                    <Button size="small" onClick={() => setAssigning(p)}>
                      {t('pledges.assign')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <UnitModal
          unit={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void loadUnits();
          }}
        />
      )}
      {showLink && (
        <Modal open footer={null} title={`${showLink.name} · ${t('pledges.link')}`} onCancel={() => setShowLink(null)}>
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={window.location.origin + showLink.path} size={220} type="svg" />
            <Typography.Text copyable data-testid="unit-link">
              {window.location.origin + showLink.path}
            </Typography.Text>
            <Typography.Text type="secondary">{t('pledges.linkHint')}</Typography.Text>
          </Space>
        </Modal>
      )}
      {signing && units && (
        <OnSitePledgeModal
          units={units}
          unitId={unitId}
          onClose={() => setSigning(false)}
          onSigned={(pledge) => {
            setSigning(false);
            feedback.success(t('pledgeSigning.done', { serial: pledge.serial }));
            navigate(`/pledges/${pledge.id}/print`);
          }}
        />
      )}
      {assigning && (
        <AssignPostModal
          title={`${t('pledges.assign')} · ${assigning.name}`}
          hint={t('pledges.assignHint')}
          onClose={() => setAssigning(null)}
          onSubmit={async (choice) => {
            await pledgesApi.assign(
              assigning.id,
              choice.shiftId
                ? { kind: 'shift', shiftId: choice.shiftId, note: choice.note }
                : { kind: 'report_post', post: choice.post, note: choice.note },
            );
            feedback.success(t('pledges.assigned'));
            setAssigning(null);
            setVersion((n) => n + 1);
          }}
        />
      )}
    </Space>
  );
}
