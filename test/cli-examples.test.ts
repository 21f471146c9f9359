import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDb } from '../src/core/db/open.js';
import { edit } from '../src/core/review/review.js';
import { draft } from '../src/core/draft/draft.js';
import { findStore } from '../src/core/config/config.js';
import type { LlmCapabilities, LlmProvider, LlmRequest, LlmResponse } from '../src/core/llm/provider.js';
import { requestProduct } from '../src/core/draft/task.js';
import type { ProductCopyData } from '../src/core/draft/offline-copy.js';
import { example, query, runCli, tempDir } from './helpers.js';

const now = () => new Date('2026-11-27T12:00:00Z');

/** A model that always writes the same supported sentence, and keeps what it was told. */
class EchoModel implements LlmProvider {
  readonly id = 'echo:test';
  readonly capabilities: LlmCapabilities = { readsPrompt: true, structuredOutput: true, batch: false, costs: false };
  readonly systems: string[] = [];
  async complete(req: LlmRequest): Promise<LlmResponse> {
    this.systems.push(req.system);
    const { template } = req.offline as ProductCopyData;
    const fields = Object.fromEntries(template.fields.map((f) => [f.name, `<p>${requestProduct(req).title}.</p>`]));
    return { fields, raw: JSON.stringify(fields), model: 'echo', usage: { inputTokens: 1, outputTokens: 1 } };
  }
}

describe('review examples: learning from the owner\'s edits', () => {
  test('edits are listed before → after, promoted to examples, and a model drafting the template sees them', async () => {
    const dir = tempDir();
    await runCli(['draft', example('products.csv')], { cwd: dir });
    const db = openDb(join(dir, 'shopflow.db'));
    edit({ db, now }, 2, { body_html: '<p>A linen tea towel that dries glasses without lint.</p>' });
    db.close();

    const list = await runCli(['review', 'examples'], { cwd: dir });
    expect(list.code).toBe(0);
    const editId = query<{ id: number }>(join(dir, 'shopflow.db'), `select id from item_events where action = 'edited'`)[0]!.id;
    expect(list.stdout).toContain(`edit ${editId}  item #2 linen-tea-towel · product-description/body_html`);
    expect(list.stdout).toContain("\nowner's version:\nA linen tea towel that dries glasses without lint.\n");
    expect(list.stdout).toMatch(/\ndraft:\n[^\n]*Linen Tea Towel/);

    const promoted = await runCli(['review', 'examples', 'promote', String(editId)], { cwd: dir });
    expect(promoted.stdout).toBe('Promoted 1 example: #1 product-description/body_html\n');
    const again = await runCli(['review', 'examples', 'promote', String(editId)], { cwd: dir });
    expect(again.code).toBe(0);
    const ex = JSON.parse((await runCli(['review', 'examples', '--promoted', '--json'], { cwd: dir })).stdout);
    expect(ex).toHaveLength(1);
    expect(ex[0]).toMatchObject({ id: 1, template: 'product-description', item: 2, field: 'body_html', after: '<p>A linen tea towel that dries glasses without lint.</p>' });
    const bad = await runCli(['review', 'examples', 'promote', '999'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no edit 999');

    const llm = new EchoModel();
    const store = findStore({ cwd: dir, env: {} });
    const db2 = openDb(store.dbPath);
    await draft({ file: example('products.csv'), only: ['bud-vase-set'], force: true }, { cwd: dir, openDb: async () => db2, llm, store, now });
    db2.close();
    expect(llm.systems[0]).toContain("How the owner edited earlier drafts of this template (follow the owner's version):");
    expect(llm.systems[0]).toContain("Owner's version:\n<p>A linen tea towel that dries glasses without lint.</p>");

    expect((await runCli(['review', 'examples', 'remove', '1'], { cwd: dir })).stdout).toBe('Removed example #1\n');
    expect((await runCli(['review', 'examples', 'remove', '1'], { cwd: dir })).code).toBe(1);
  });
});
