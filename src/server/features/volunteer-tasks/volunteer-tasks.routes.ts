import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CertificateInput,
  CheckInInput,
  HoursDecision,
  HoursEntry,
  HoursQuery,
  Recognition,
  ServiceCertificate,
  Task,
  TaskDetail,
  TaskDoneInput,
  TaskInput,
  TaskQuery,
  TaskStatusInput,
  Totals,
  TotalsQuery,
} from '../../../shared/volunteer-tasks';
import { pageOf } from '../../../shared/pagination';
import { AppError } from '../../errors';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { certificateForPrint, issueCertificate } from './certificates.service';
import { checkIn, checkOut, decideHours, hoursTotals, listHours, recognition, toHoursEntry } from './hours.service';
import { attachTaskPhoto, photoDirOf, readTaskPhoto } from './photos.service';
import {
  completeTask,
  createTask,
  listTasks,
  ROLES_THAT_LEAD_VOLUNTEERS,
  setTaskStatus,
  taskDetail,
  toTask,
} from './tasks.service';

const IdParams = z.object({ id: z.string().uuid() });
const ROLES = ROLES_THAT_LEAD_VOLUNTEERS;

/**
 * Volunteer tasks, hours and certificates, for the township's task board and the volunteer
 * leader's view: hand out tasks, check volunteers in and out, approve or refuse their hours, see
 * totals and stars, issue the 志愿服务证明. Everything in the user's subtree; out of it is 404.
 */
export function volunteerTaskRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const photoDir = photoDirOf(config);
  return async (app) => {
    const tags = ['volunteer-tasks'];
    // a task's photo arrives as the raw image body
    app.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/api/volunteer-tasks',
      {
        schema: {
          tags,
          summary: 'Tasks in my jurisdiction, newest first',
          querystring: TaskQuery,
          response: { 200: pageOf(Task) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES);
        return pageFrom(await listTasks(db, scope, request.query), request.query.limit, (r) => r.id, toTask);
      },
    );

    app.post(
      '/api/volunteer-tasks',
      {
        schema: {
          tags,
          summary: 'Hand out a task to a person, a volunteer group or a team',
          body: TaskInput,
          response: { 201: Task },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toTask(await createTask(db, clock, authorise(request, ROLES).actor, request.body))),
    );

    app.get(
      '/api/volunteer-tasks/:id',
      {
        schema: {
          tags,
          summary: 'A task with its persons (masked) and its check-ins',
          params: IdParams,
          response: { 200: TaskDetail },
        },
      },
      async (request) => taskDetail(db, clock, authorise(request, ROLES).scope, request.params.id),
    );

    app.post(
      '/api/volunteer-tasks/:id/status',
      {
        schema: {
          tags,
          summary: 'Start or cancel a task',
          params: IdParams,
          body: TaskStatusInput,
          response: { 200: Task },
        },
      },
      async (request) =>
        toTask(await setTaskStatus(db, clock, authorise(request, ROLES).actor, request.params.id, request.body)),
    );

    app.post(
      '/api/volunteer-tasks/:id/done',
      {
        schema: {
          tags,
          summary: 'Mark a task done, with a note',
          params: IdParams,
          body: TaskDoneInput,
          response: { 200: Task },
        },
      },
      async (request) =>
        toTask(await completeTask(db, clock, authorise(request, ROLES).actor, request.params.id, request.body.note)),
    );

    app.post(
      '/api/volunteer-tasks/:id/photo',
      {
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          summary: "A done task's photo (JPEG, PNG or WebP, at most 5 MB), as the raw body",
          params: IdParams,
          response: { 200: Task },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES);
        if (!Buffer.isBuffer(request.body)) throw new AppError('VOLUNTEER_PHOTO_TYPE');
        return toTask(await attachTaskPhoto(db, clock, photoDir, actor, request.params.id, request.body));
      },
    );

    app.get(
      '/api/volunteer-tasks/:id/photo',
      { schema: { tags, summary: "A done task's photo", params: IdParams } },
      async (request, reply) => {
        const photo = await readTaskPhoto(db, photoDir, authorise(request, ROLES).scope, request.params.id);
        return reply
          .header('content-type', photo.type)
          .header('cache-control', 'private, no-store')
          .header('content-disposition', 'inline')
          .send(photo.bytes);
      },
    );

    app.get(
      '/api/volunteer-hours',
      {
        schema: {
          tags,
          summary: 'Check-ins in my jurisdiction, newest first',
          querystring: HoursQuery,
          response: { 200: pageOf(HoursEntry) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES);
        return pageFrom(
          await listHours(db, clock, scope, request.query),
          request.query.limit,
          (r) => r.id,
          toHoursEntry,
        );
      },
    );

    app.post(
      '/api/volunteer-hours/check-in',
      {
        schema: {
          tags,
          summary: 'Check a volunteer in for a task or a checkpoint shift',
          body: CheckInInput,
          response: { 201: HoursEntry },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toHoursEntry(await checkIn(db, clock, authorise(request, ROLES).actor, request.body))),
    );

    app.post(
      '/api/volunteer-hours/:id/check-out',
      {
        schema: {
          tags,
          summary: 'Check a volunteer out (the hours wait for approval)',
          params: IdParams,
          response: { 200: HoursEntry },
        },
      },
      async (request) => toHoursEntry(await checkOut(db, clock, authorise(request, ROLES).actor, request.params.id)),
    );

    app.post(
      '/api/volunteer-hours/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve hours, or refuse them with a reason (the record stays)',
          params: IdParams,
          body: HoursDecision,
          response: { 200: HoursEntry },
        },
      },
      async (request) =>
        toHoursEntry(await decideHours(db, clock, authorise(request, ROLES).actor, request.params.id, request.body)),
    );

    app.get(
      '/api/volunteer-hours/totals',
      {
        schema: {
          tags,
          summary: 'Hours per person, group, team or township over a period (approved; pending apart)',
          querystring: TotalsQuery,
          response: { 200: Totals },
        },
      },
      async (request) => hoursTotals(db, clock, config.timeZone, authorise(request, ROLES).scope, request.query),
    );

    app.get(
      '/api/volunteer-hours/recognition',
      {
        schema: {
          tags,
          summary: 'Volunteer service stars (一星…五星) of everyone with hours, in my jurisdiction or one township',
          querystring: z.object({ regionId: z.string().uuid().optional() }),
          response: { 200: z.array(Recognition) },
        },
      },
      async (request) => recognition(db, clock, authorise(request, ROLES).scope, request.query.regionId),
    );

    app.post(
      '/api/volunteer-certificates',
      {
        schema: {
          tags,
          summary: 'Issue a 志愿服务证明 over a period of approved hours',
          body: CertificateInput,
          response: { 201: ServiceCertificate },
        },
      },
      async (request, reply) => {
        const { actor, scope } = authorise(request, ROLES);
        const id = await issueCertificate(db, clock, config.timeZone, actor, request.body);
        return reply.status(201).send(await certificateForPrint(db, scope, id));
      },
    );

    app.get(
      '/api/volunteer-certificates/:id',
      {
        schema: {
          tags,
          summary: 'A certificate, for printing',
          params: IdParams,
          response: { 200: ServiceCertificate },
        },
      },
      async (request) => certificateForPrint(db, authorise(request, ROLES).scope, request.params.id),
    );
  };
}
