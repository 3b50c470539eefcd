import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InboxQuery,
  NoticeDraft,
  NoticeDraftChange,
  NoticeListQuery,
  NoticeReceipts,
  NoticeView,
  SentNotice,
} from '../../../shared/notices';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  actOnNoticeDoc,
  changeDraft,
  composeNotice,
  getNotice,
  listInbox,
  listIssuedNotices,
  markRead,
  ROLES_THAT_ISSUE_NOTICES,
  toNoticeView,
  unreadCount,
} from './notices.service';
import { noticeReceipts, receiptCounts } from './receipts.service';

const IdParams = z.object({ id: z.string().uuid() });

/** Notices (通知 / 通告): the sender's list and compose, each user's inbox, read receipts. */
export function noticeRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notices',
      {
        schema: {
          tags: ['notices'],
          summary: 'Notices and announcements issued in my jurisdiction, newest first, with read counts',
          querystring: NoticeListQuery,
          response: { 200: pageOf(SentNotice) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_ISSUE_NOTICES);
        const rows = await listIssuedNotices(db, actor, request.query);
        const page = pageFrom(
          rows,
          request.query.limit,
          (r) => r.id,
          (r) => r,
        );
        const items = [];
        for (const r of page.items) items.push({ ...toNoticeView(actor, r), ...(await receiptCounts(db, r)) });
        return { items, nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/api/notices',
      {
        schema: {
          tags: ['notices'],
          summary: 'Draft (or publish at once) an internal notice to a region and roles, or a public announcement',
          body: NoticeDraft,
          response: { 201: NoticeView },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_ISSUE_NOTICES);
        return reply.status(201).send(toNoticeView(actor, await composeNotice(db, clock, actor, request.body)));
      },
    );

    app.get(
      '/api/notices/inbox',
      {
        schema: {
          tags: ['notices'],
          summary: 'My inbox: published internal notices addressed to my node and role, newest first',
          querystring: InboxQuery,
          response: { 200: pageOf(NoticeView).extend({ unread: z.number().int() }) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        const rows = await listInbox(db, actor, request.query);
        return {
          ...pageFrom(
            rows,
            request.query.limit,
            (r) => [r.published_at, r.id],
            (r) => toNoticeView(actor, r),
          ),
          unread: await unreadCount(db, actor),
        };
      },
    );

    app.get(
      '/api/notices/unread',
      {
        schema: {
          tags: ['notices'],
          summary: 'How many notices addressed to me I have not read',
          response: { 200: z.object({ unread: z.number().int() }) },
        },
      },
      async (request) => ({ unread: await unreadCount(db, authorise(request, 'any').actor) }),
    );

    app.get(
      '/api/notices/:id',
      {
        schema: {
          tags: ['notices'],
          summary: 'One notice (as its addressee, or in my jurisdiction as a sender)',
          params: IdParams,
          response: { 200: NoticeView },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return toNoticeView(actor, await getNotice(db, actor, request.params.id));
      },
    );

    app.patch(
      '/api/notices/:id',
      {
        schema: {
          tags: ['notices'],
          summary: 'Change a draft',
          params: IdParams,
          body: NoticeDraftChange,
          response: { 200: NoticeView },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_ISSUE_NOTICES);
        return toNoticeView(actor, await changeDraft(db, clock, actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/notices/:id/publish',
      {
        schema: {
          tags: ['notices'],
          summary: 'Publish a draft: it reaches the inboxes, or the public page goes live',
          params: IdParams,
          response: { 200: NoticeView },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_ISSUE_NOTICES);
        return toNoticeView(actor, await actOnNoticeDoc(db, clock, actor, request.params.id, 'publish'));
      },
    );

    app.post(
      '/api/notices/:id/withdraw',
      {
        schema: {
          tags: ['notices'],
          summary: 'Withdraw a published notice (off the inboxes and the public page; receipts kept)',
          params: IdParams,
          response: { 200: NoticeView },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_ISSUE_NOTICES);
        return toNoticeView(actor, await actOnNoticeDoc(db, clock, actor, request.params.id, 'withdraw'));
      },
    );

    app.post(
      '/api/notices/:id/read',
      {
        schema: {
          tags: ['notices'],
          summary: 'I have read it (a read receipt; the first reading counts)',
          params: IdParams,
          response: { 200: NoticeView },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return toNoticeView(actor, await markRead(db, clock, actor, request.params.id));
      },
    );

    app.get(
      '/api/notices/:id/receipts',
      {
        schema: {
          tags: ['notices'],
          summary: 'Read receipts: who of the addressees has read it, per township and per person',
          params: IdParams,
          response: { 200: NoticeReceipts },
        },
      },
      async (request) => noticeReceipts(db, authorise(request, ROLES_THAT_ISSUE_NOTICES).actor, request.params.id),
    );
  };
}
