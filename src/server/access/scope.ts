import type { ExpressionBuilder, SelectQueryBuilder, UpdateQueryBuilder, DeleteQueryBuilder } from 'kysely';
import { AppError } from '../errors';

/**
 * Jurisdiction: every user sees one subtree of regions. A subtree is the set of rows whose
 * `region_path` (or a region's own `path`) starts with the user's node path; a global admin has '/'.
 * Paths are compared as byte ranges [prefix, prefix-with-'/'-bumped-to-'0'), which an ordinary
 * B-tree index answers on both engines ('0' is the character right after '/').
 *
 * This file is the ONE place that turns a user into a query condition; repositories call
 * `inScope` on every query of scoped rows and services call `assertInScope` before a write.
 */
export interface Scope {
  readonly prefix: string;
}

export const GLOBAL_SCOPE: Scope = Object.freeze({ prefix: '/' });

export function scopeOf(actor: { regionPath: string }): Scope {
  return { prefix: actor.regionPath };
}

/** The exclusive upper bound of a path prefix range. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + '0';
}

export function pathInScope(path: string, scope: Scope): boolean {
  return path.startsWith(scope.prefix);
}

export function assertInScope(
  path: string | null | undefined,
  scope: Scope,
  code: 'OUT_OF_SCOPE' | 'NOT_FOUND' | 'REGION_NOT_FOUND' | 'USER_NOT_FOUND' = 'OUT_OF_SCOPE',
): void {
  if (!path || !pathInScope(path, scope)) throw new AppError(code);
}

/** Restrict any select/update/delete to rows whose `column` lies in the subtree `prefix`. */
export function inSubtree<
  QB extends
    | SelectQueryBuilder<any, any, any>
    | UpdateQueryBuilder<any, any, any, any>
    | DeleteQueryBuilder<any, any, any>,
>(qb: QB, column: string, prefix: string): QB {
  if (prefix === '/') return qb;
  return (qb as any).where((eb: ExpressionBuilder<any, any>) => subtreeCondition(eb, column, prefix)) as QB;
}

/** The condition "`column` lies in the subtree `prefix`", for use inside larger where clauses. */
export function subtreeCondition(eb: ExpressionBuilder<any, any>, column: string, prefix: string) {
  return eb.and([eb(eb.ref(column), '>=', prefix), eb(eb.ref(column), '<', prefixEnd(prefix))]);
}

/** Restrict a query to the user's jurisdiction. */
export function inScope<
  QB extends
    | SelectQueryBuilder<any, any, any>
    | UpdateQueryBuilder<any, any, any, any>
    | DeleteQueryBuilder<any, any, any>,
>(qb: QB, column: string, scope: Scope): QB {
  return inSubtree(qb, column, scope.prefix);
}

/**
 * "A node at `column` overlaps the user's jurisdiction": it lies inside it, or it contains it
 * (a county-wide screening round concerns a grid worker of one of its grids).
 */
export function overlapsScope(eb: ExpressionBuilder<any, any>, column: string, scope: Scope) {
  if (scope.prefix === '/') return eb(eb.val(1), '=', eb.val(1));
  return eb.or([subtreeCondition(eb, column, scope.prefix), containsScopeNode(eb, column, scope)]);
}

/**
 * "A node at `column` contains the user's node (or is it)": a notice addressed to a township
 * reaches the grid workers of its villages. The reverse of `inScope`; a global admin (no node) is
 * contained by nothing.
 */
export function containsScopeNode(eb: ExpressionBuilder<any, any>, column: string, scope: Scope) {
  return eb(eb.fn('substr', [eb.val(scope.prefix), eb.lit(1), eb.fn('length', [eb.ref(column)])]), '=', eb.ref(column));
}
