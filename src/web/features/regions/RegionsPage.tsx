import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Result, Row, Space, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Region } from '../../../shared/regions';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { ResponsibilityPanel } from '../responsibility/ResponsibilityPanel';
import { regionApi, type RegionDetail as Detail, type StatusFilter } from './regionApi';
import { RegionDetail, type RegionAction } from './RegionDetail';
import { ImportButton, LoadCountyButton, LoadCountyModal, TemplateButton } from './RegionImport';
import { CreateRegionModal, MoveRegionModal, RenameRegionModal } from './RegionModals';
import { RegionTreePanel } from './RegionTreePanel';
import { useRegionTree } from './useRegionTree';

type Dialog = RegionAction | 'load' | 'addRoot' | null;

/**
 * 区域管理: the jurisdiction's tree on the left, the selected node on the right (its facts, children
 * and 包保 answerable persons). The selected node lives in the URL: /regions/<id>.
 */
export default function RegionsPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { regionId } = useParams();
  const [status, setStatus] = useState<StatusFilter>('active');
  const tree = useRegionTree(status, feedback.error);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailError, setDetailError] = useState<ApiError | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const [childrenVersion, setChildrenVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const canEdit = can.editRegions(me.role);
  const canLoad = can.loadRegions(me.role);

  // At phone width the detail sits below the tree: bring it into view once the picked node loads.
  const scrollToDetail = useRef(false);
  const select = useCallback(
    (id: string) => {
      scrollToDetail.current = mobile;
      navigate(`/regions/${id}`);
    },
    [navigate, mobile],
  );

  // With nothing selected, open the top of the jurisdiction — only while the address is still the
  // bare /regions. A menu click right after login may already have moved on: the router keeps this
  // page on screen until the next (lazily loaded) page is ready, and the tree arriving meanwhile
  // pulled the user back here.
  useEffect(() => {
    const first = tree.roots?.[0];
    if (!regionId && first && /^\/regions\/?$/.test(window.location.pathname))
      navigate(`/regions/${first.id}`, { replace: true });
  }, [regionId, tree.roots, navigate]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: detailVersion is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    if (!regionId) {
      setDetail(null);
      return;
    }
    let cancelled = false;
    setDetailError(null);
    regionApi
      .get(regionId)
      .then((region) => !cancelled && setDetail(region))
      .catch((err: unknown) => {
        if (cancelled) return;
        setDetail(null);
        if (err instanceof ApiError) setDetailError(err);
        else feedback.error(err);
      });
    return () => {
      cancelled = true;
    };
  }, [regionId, detailVersion, feedback.error]);

  // Open the tree down to the selected node (it may come from search, the gaps page or a link).
  const expandTo = useRef(tree.expandTo);
  expandTo.current = tree.expandTo;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tree's roots arriving is when a node can be expanded to, so they must rerun this
  useEffect(() => {
    if (!detail) return;
    void expandTo.current(detail.ancestors.map((a) => a.id)).then(() => {
      // On a wide screen, keep the selected node visible in the tree's own scroll box.
      if (!mobile) {
        setTimeout(() => {
          document
            .querySelector('[data-testid="region-tree"] .ant-tree-treenode-selected')
            ?.scrollIntoView({ block: 'nearest' });
        }, 50);
      }
    });
  }, [detail, tree.roots, mobile]);
  useEffect(() => {
    if (!detail || !scrollToDetail.current) return;
    scrollToDetail.current = false;
    document.querySelector('[data-testid="region-detail"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [detail]);

  const refreshDetail = () => {
    setDetailVersion((v) => v + 1);
    setChildrenVersion((v) => v + 1);
  };

  /** Refetch the list a node sits in: its parent's children, or the roots. */
  const refreshAround = (region: Region) => {
    if (!region.parentId || tree.roots?.some((r) => r.id === region.id)) tree.reset();
    else void tree.reloadChildren(region.parentId);
  };

  const afterCreate = async (created: Region) => {
    setDialog(null);
    if (created.parentId) await tree.expandTo([created.parentId]).then(() => tree.reloadChildren(created.parentId));
    else tree.reset();
    refreshDetail();
  };

  const afterChange = (change: 'retired' | 'restored' | 'deleted') => {
    if (!detail) return;
    refreshAround(detail);
    if (change === 'deleted') {
      const parent = detail.ancestors[detail.ancestors.length - 1];
      navigate(parent ? `/regions/${parent.id}` : '/regions', { replace: true });
    } else refreshDetail();
  };

  const afterBulkLoad = () => {
    setDialog(null);
    tree.reset();
    refreshDetail();
  };

  const toolbar = canEdit && (
    <Space wrap size={[6, 6]}>
      {canLoad && <LoadCountyButton onClick={() => setDialog('load')} />}
      <TemplateButton />
      <ImportButton onImported={afterBulkLoad} />
      {me.role === 'admin' && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('addRoot')} data-testid="region-add-root">
          {t('regions.addRoot')}
        </Button>
      )}
    </Space>
  );

  return (
    <Row gutter={[16, 16]} wrap>
      <Col xs={24} md={9} lg={8} xl={7}>
        <Card
          size="small"
          styles={{
            body: {
              height: mobile ? 'auto' : 'calc(100vh - 150px)',
              maxHeight: mobile ? '55vh' : undefined,
              overflow: 'hidden',
              display: 'flex',
              flexDirection: 'column',
            },
          }}
          style={mobile ? undefined : { position: 'sticky', top: 84 }}
        >
          <RegionTreePanel
            tree={tree}
            status={status}
            onStatusChange={setStatus}
            selectedId={regionId}
            onSelect={select}
            onError={feedback.error}
            toolbar={toolbar}
          />
        </Card>
      </Col>
      <Col xs={24} md={15} lg={16} xl={17}>
        {detail && detail.id === regionId ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <RegionDetail
              region={detail}
              canEdit={canEdit}
              version={childrenVersion}
              onSelect={select}
              onOpen={setDialog}
              onChanged={afterChange}
            />
            <ResponsibilityPanel region={detail} canEdit={can.editResponsibility(me.role)} />
          </Space>
        ) : detailError ? (
          <Result status="warning" title={detailError.message} />
        ) : regionId ? (
          <Spin style={{ display: 'block', margin: 48 }} />
        ) : (
          <Card>
            <Empty description={t('regions.selectHint')} />
          </Card>
        )}
      </Col>

      {dialog === 'create' && detail && (
        <CreateRegionModal parent={detail} onClose={() => setDialog(null)} onCreated={afterCreate} />
      )}
      {dialog === 'addRoot' && (
        <CreateRegionModal parent={null} onClose={() => setDialog(null)} onCreated={afterCreate} />
      )}
      {dialog === 'rename' && detail && (
        <RenameRegionModal
          region={detail}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refreshAround(detail);
            refreshDetail();
          }}
        />
      )}
      {dialog === 'move' && detail && (
        <MoveRegionModal
          region={detail}
          onClose={() => setDialog(null)}
          onDone={async (newParentId) => {
            setDialog(null);
            refreshAround(detail);
            await tree.reloadChildren(newParentId);
            refreshDetail();
          }}
        />
      )}
      {dialog === 'load' && <LoadCountyModal onClose={() => setDialog(null)} onLoaded={afterBulkLoad} />}
    </Row>
  );
}
