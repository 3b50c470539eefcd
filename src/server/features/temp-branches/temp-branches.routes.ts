import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BranchCloseInput,
  BranchFlags,
  BranchInput,
  BranchMemberInput,
  BranchQuery,
  BranchRules,
  Compound,
  CompoundInput,
  CompoundPatch,
  CompoundQuery,
  ROLES_THAT_MANAGE_BRANCHES,
  ROLES_THAT_READ_BRANCHES,
  ROLES_THAT_SET_BRANCH_RULES,
  TempBranch,
  TempBranchDetail,
} from '../../../shared/temp-branches';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  addBranchMember,
  branchDetail,
  closeBranch,
  listBranches,
  removeBranchMember,
  setUpBranch,
  toBranch,
} from './branches.service';
import { changeCompound, getCompound, listCompounds, markCompound, toCompound } from './compounds.service';
import { branchFlags } from './flags.service';
import { branchRules, saveBranchRules } from './rules';

const IdParams = z.object({ id: z.string().uuid() });
const MemberParams = z.object({ id: z.string().uuid(), memberId: z.string().uuid() });

/** Compounds (小区), temporary party branches (临时党支部), their flags and the county's thresholds. */
export function tempBranchRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['temp-branches'];

    app.get(
      '/api/compounds',
      {
        schema: {
          tags,
          summary: 'Compounds of my jurisdiction with their households, residents and branch',
          querystring: CompoundQuery,
          response: { 200: pageOf(Compound) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_BRANCHES);
        return pageFrom(await listCompounds(db, scope, request.query), request.query.limit, (r) => r.id, toCompound);
      },
    );

    app.post(
      '/api/compounds',
      {
        schema: {
          tags,
          summary: 'Mark a village or grid as a compound, with or without property management',
          body: CompoundInput,
          response: { 201: Compound },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toCompound(
              await markCompound(db, clock, authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/compounds/:id',
      { schema: { tags, summary: 'One compound', params: IdParams, response: { 200: Compound } } },
      async (request) =>
        toCompound(await getCompound(db, authorise(request, ROLES_THAT_READ_BRANCHES).scope, request.params.id)),
    );

    app.patch(
      '/api/compounds/:id',
      {
        schema: {
          tags,
          summary: "Change a compound's name or property management",
          params: IdParams,
          body: CompoundPatch,
          response: { 200: Compound },
        },
      },
      async (request) =>
        toCompound(
          await changeCompound(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.get(
      '/api/temp-branches',
      {
        schema: {
          tags,
          summary: 'Temporary branches of my jurisdiction (open or closed)',
          querystring: BranchQuery,
          response: { 200: pageOf(TempBranch) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_BRANCHES);
        return pageFrom(await listBranches(db, scope, request.query), request.query.limit, (r) => r.id, toBranch);
      },
    );

    app.post(
      '/api/temp-branches',
      {
        schema: {
          tags,
          summary: 'Set up a temporary branch at a checkpoint, isolation site, compound, ward or working group',
          body: BranchInput,
          response: { 201: TempBranch },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toBranch(await setUpBranch(db, clock, authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor, request.body)),
          ),
    );

    app.get(
      '/api/temp-branches/flags',
      {
        schema: {
          tags,
          summary:
            'Flags of my jurisdiction, computed now: stations and compounds without a branch, branches below the minimum',
          response: { 200: BranchFlags },
        },
      },
      async (request) => branchFlags(db, clock, authorise(request, ROLES_THAT_READ_BRANCHES).scope),
    );

    app.get(
      '/api/temp-branches/rules',
      { schema: { tags, summary: "The county's thresholds for the flags", response: { 200: BranchRules } } },
      async (request) => {
        authorise(request, ROLES_THAT_READ_BRANCHES);
        return branchRules(db);
      },
    );

    app.put(
      '/api/temp-branches/rules',
      {
        schema: {
          tags,
          summary: "Change the county's thresholds (admin, organisation department)",
          body: BranchRules,
          response: { 200: BranchRules },
        },
      },
      async (request) =>
        saveBranchRules(db, clock, authorise(request, ROLES_THAT_SET_BRANCH_RULES).actor, request.body),
    );

    app.get(
      '/api/temp-branches/:id',
      {
        schema: {
          tags,
          summary: 'One branch with its members (phones masked)',
          params: IdParams,
          response: { 200: TempBranchDetail },
        },
      },
      async (request) => branchDetail(db, authorise(request, ROLES_THAT_READ_BRANCHES).scope, request.params.id),
    );

    app.post(
      '/api/temp-branches/:id/members',
      {
        schema: {
          tags,
          summary: 'Add a party member (they keep their home branch)',
          params: IdParams,
          body: BranchMemberInput,
          response: { 201: TempBranchDetail },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addBranchMember(
              db,
              clock,
              authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor,
              request.params.id,
              request.body,
            ),
          ),
    );

    app.delete(
      '/api/temp-branches/:id/members/:memberId',
      { schema: { tags, summary: 'A member leaves the branch (the record is kept)', params: MemberParams } },
      async (request, reply) => {
        await removeBranchMember(
          db,
          clock,
          authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor,
          request.params.id,
          request.params.memberId,
        );
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/temp-branches/:id/close',
      {
        schema: {
          tags,
          summary: 'Close (撤销) a branch; its members leave',
          params: IdParams,
          body: BranchCloseInput,
          response: { 200: TempBranch },
        },
      },
      async (request) =>
        toBranch(
          await closeBranch(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_BRANCHES).actor,
            request.params.id,
            request.body.reason,
          ),
        ),
    );
  };
}
