import { describe, expect, test } from 'vitest';
import { Chalk } from 'chalk';
import { renderDiff, renderItem } from '../src/cli/render-item.js';
import type { ItemDetail } from '../src/core/review/review.js';

const plain = new Chalk({ level: 0 });

function detail(current: string, draft: string): ItemDetail {
  return {
    current: { body_html: current },
    events: [],
    item: {
      id: 7, kind: 'product_copy', handle: 'mug', title: 'Mug', template: 'product-description', status: 'pending',
      createdAt: 't', decidedAt: null, errors: 0, warnings: 1, flags: 0, claims: [], templateHash: 'h', provider: 'offline', inputHash: 'i',
      sourceFile: 'p.csv', reason: null, draftedFields: { body_html: draft }, fields: { body_html: draft },
      checks: [{ field: 'body_html', level: 'warning', message: 'Description is 40 characters; aim for at least 120' }],
      source: { handle: 'mug', title: 'Mug', description: current, tags: [], materials: [], options: [], variants: [], facts: {},
        source: { file: 'p.csv', platform: 'shopify', line: 2 } },
    },
  };
}

describe('review display', () => {
  test('a close edit is shown as a word diff, marked without colour', () => {
    expect(renderDiff('A blue mug that holds 350 ml.', 'A blue stoneware mug that holds 350 ml.', plain)).toBe(
      'A blue {+stoneware +}mug that holds 350 ml.',
    );
    const out = renderItem(detail('A blue mug that holds 350 ml.', '<p>A blue stoneware mug that holds 350 ml.</p>'), plain);
    expect(out).toContain('changes against the copy on the store ([-removed-], {+added+}):\nA blue {+stoneware +}mug that holds 350 ml.');
    expect(out).toContain('  ! Description is 40 characters; aim for at least 120');
  });

  test('a rewrite is shown as the two texts, the old one clipped', () => {
    const old = `Old words here. ${'Lorem ipsum dolor sit amet. '.repeat(40)}`;
    const out = renderItem(detail(old, '<p>Completely new text about a mug.</p>'), plain);
    expect(out).toMatch(/on the store now:\nOld words here\. Lorem ipsum .*… \(\d+ more characters\)\ndraft:\nCompletely new text about a mug\./s);
    expect(out).not.toContain('{+');
  });
});
