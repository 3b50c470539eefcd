import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConsumptionEntry,
  ConsumptionInput,
  ConsumptionQuery,
  ConsumptionReport,
  ConsumptionSite,
  CoverQuery,
  CoverReport,
  CoverSettings,
} from '../../../shared/supplies-cover';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { SUPPLIES_ROLES } from './catalogue.service';
import { CONSUMPTION_ROLES, consumptionSites, recentConsumption, reportConsumption } from './consumption.service';
import { COVER_SETTINGS_ROLES, coverReport, coverSettings, saveCoverSettings } from './cover.service';

/** Sites report use (消耗登记); the desk reads days of cover and the low-cover alerts. */
export function coverRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    const tags = ['supplies'];
    app.get(
      '/api/supplies/consumption/sites',
      {
        schema: {
          tags,
          summary: 'Warehouses I may report use from, with their stock by item',
          response: { 200: z.array(ConsumptionSite) },
        },
      },
      async (request) => consumptionSites(db, authorise(request, CONSUMPTION_ROLES).scope),
    );
    app.get(
      '/api/supplies/consumption',
      {
        schema: {
          tags,
          summary: "A warehouse's latest reports of use, newest first",
          querystring: ConsumptionQuery,
          response: { 200: z.array(ConsumptionEntry) },
        },
      },
      async (request) => recentConsumption(db, authorise(request, CONSUMPTION_ROLES).scope, request.query.warehouseId),
    );
    app.post(
      '/api/supplies/consumption',
      {
        schema: {
          tags,
          summary: 'Report use out of a warehouse (masks for a shift): consumption entries, never below zero',
          body: ConsumptionInput,
          response: { 201: ConsumptionReport },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await reportConsumption(db, ctx, authorise(request, CONSUMPTION_ROLES).actor, request.body)),
    );
    app.get(
      '/api/supplies/cover',
      {
        schema: {
          tags,
          summary: 'Days of cover per warehouse and item (stock ÷ average daily use over 7 days), worst first',
          querystring: CoverQuery,
          response: { 200: CoverReport },
        },
      },
      async (request) =>
        coverReport(db, clock, config.timeZone, authorise(request, SUPPLIES_ROLES).scope, request.query),
    );
    app.get(
      '/api/supplies/cover/settings',
      { schema: { tags, summary: 'The low-cover threshold in days', response: { 200: CoverSettings } } },
      async (request) => {
        authorise(request, SUPPLIES_ROLES);
        return coverSettings(db);
      },
    );
    app.put(
      '/api/supplies/cover/settings',
      {
        schema: {
          tags,
          summary: "Change the county's low-cover threshold",
          body: CoverSettings,
          response: { 200: CoverSettings },
        },
      },
      async (request) => saveCoverSettings(db, clock, authorise(request, COVER_SETTINGS_ROLES).actor, request.body),
    );
  };
}
