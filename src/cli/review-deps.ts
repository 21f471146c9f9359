import type { Ctx } from './deps.js';
import type { ReviewDeps } from '../core/review/review.js';

/** What every review action needs: the database, the clock, the store's templates and claims guard. */
export async function reviewDeps(ctx: Ctx): Promise<ReviewDeps> {
  const [{ guardContext }, store] = await Promise.all([import('../core/claims/guard.js'), ctx.store()]);
  return { db: await ctx.db(), now: ctx.deps.now, templatesDir: store.templatesDir, guard: guardContext(store.config, store.dir) };
}
