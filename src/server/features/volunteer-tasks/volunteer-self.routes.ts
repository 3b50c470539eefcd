import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HoursDecision, SelfCheckIn, SelfView, TaskDoneInput } from '../../../shared/volunteer-tasks';
import { AppError } from '../../errors';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { photoDirOf } from './photos.service';
import {
  selfCheckIn,
  selfCheckOut,
  selfCompleteTask,
  selfDecideHours,
  selfTaskPhoto,
  selfView,
} from './self-service.service';

/** A personal link's token: URL-safe base64, nothing else reaches the database. */
const Token = z.string().regex(/^[A-Za-z0-9_-]{16,40}$/);
const TokenParams = z.object({ token: Token });
const TaskParams = z.object({ token: Token, taskId: z.string().uuid() });
const HoursParams = z.object({ token: Token, hoursId: z.string().uuid() });

/**
 * A volunteer's own phone page behind their personal link (/vt/<token>, no login): their tasks with
 * 签到 / 签退, done with a note and a photo, and a leader's approvals. Every call is limited per
 * address and per link, counted before the body is checked; each answers with the page's new state.
 */
export function volunteerSelfRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const photoDir = photoDirOf(config);
  const perAddress = new RateLimiter(120, 60_000);
  const perLink = new RateLimiter(60, 60_000);
  const limit = async (request: { ip: string; params: unknown }) => {
    perAddress.take(request.ip);
    const token = (request.params as { token?: unknown } | undefined)?.token;
    perLink.take(typeof token === 'string' ? token.slice(0, 40) : '');
  };
  return async (app) => {
    const tags = ['public'];
    app.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: 8 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const base = '/api/public/volunteer-self/:token';
    const view = { 200: SelfView };

    app.get(
      base,
      {
        schema: { tags, summary: "A volunteer's own tasks, check-in and hours", params: TokenParams, response: view },
        preValidation: limit,
      },
      async (request) => selfView(db, clock, request.params.token),
    );

    app.post(
      `${base}/check-in`,
      {
        schema: {
          tags,
          summary: 'Check in for one of my tasks',
          params: TokenParams,
          body: SelfCheckIn,
          response: view,
        },
        preValidation: limit,
      },
      async (request) => {
        await selfCheckIn(db, clock, request.params.token, request.body.taskId);
        return selfView(db, clock, request.params.token);
      },
    );

    app.post(
      `${base}/check-out`,
      {
        schema: { tags, summary: 'Check out (the hours wait for my leader)', params: TokenParams, response: view },
        preValidation: limit,
      },
      async (request) => {
        await selfCheckOut(db, clock, request.params.token);
        return selfView(db, clock, request.params.token);
      },
    );

    app.post(
      `${base}/tasks/:taskId/done`,
      {
        schema: {
          tags,
          summary: 'Mark my task done, with a note',
          params: TaskParams,
          body: TaskDoneInput,
          response: view,
        },
        preValidation: limit,
      },
      async (request) => {
        await selfCompleteTask(db, clock, request.params.token, request.params.taskId, request.body.note);
        return selfView(db, clock, request.params.token);
      },
    );

    app.post(
      `${base}/tasks/:taskId/photo`,
      {
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          summary: "My done task's photo (JPEG, PNG or WebP, at most 5 MB)",
          params: TaskParams,
          response: view,
        },
        preValidation: limit,
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('VOLUNTEER_PHOTO_TYPE');
        await selfTaskPhoto(db, clock, photoDir, request.params.token, request.params.taskId, request.body);
        return selfView(db, clock, request.params.token);
      },
    );

    app.post(
      `${base}/hours/:hoursId/decision`,
      {
        schema: {
          tags,
          summary: "A leader approves or refuses a member's hours",
          params: HoursParams,
          body: HoursDecision,
          response: view,
        },
        preValidation: limit,
      },
      async (request) => {
        await selfDecideHours(db, clock, request.params.token, request.params.hoursId, request.body);
        return selfView(db, clock, request.params.token);
      },
    );
  };
}
