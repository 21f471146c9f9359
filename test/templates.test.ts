import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFields } from '../src/core/templates/checks.js';
import { UserError } from '../src/core/errors.js';
import { listTemplates, loadTemplate, shippedTemplatesDir } from '../src/core/templates/load.js';
import { checkSpec, fitLength, parseSpec, renderField, type Vars } from '../src/core/templates/render.js';

const SHIPPED = ['category-page', 'email-copy', 'faq', 'product-description', 'seo'];
const tmp = mkdtempSync(join(tmpdir(), 'shopflow-templates-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MINIMAL = `name: mini
description: A minimal template.
version: 1
kind: seo
fields:
  - name: seo_title
    label: SEO title
    max_length: 70
instructions: Write a title.
offline:
  seo_title: "{{title}}"
`;

function write(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('shipped templates', () => {
  it('are all listed, load and validate', () => {
    expect(listTemplates()).toEqual(SHIPPED);
    for (const name of SHIPPED) {
      const t = loadTemplate(name);
      expect(t.name).toBe(name);
      expect(t.hash).toMatch(/^[0-9a-f]{12}$/);
      expect(t.source).toBe(join(shippedTemplatesDir(), `${name}.yaml`));
      expect(t.banned_words).toContain('revolutionary');
      expect(t.instructions).toMatch(/never state a fact that is not in the product data/i);
      for (const f of t.fields) expect(t.offline[f.name]).toBeTruthy();
    }
  });

  it('declare the fields, limits and export columns the other commands rely on', () => {
    const seo = loadTemplate('seo');
    expect(seo.fields.map((f) => [f.name, f.max_length, f.export.shopify])).toEqual([
      ['seo_title', 70, 'seo_title'],
      ['seo_description', 160, 'seo_description'],
    ]);
    const body = loadTemplate('product-description').fields[0]!;
    expect([body.name, body.format, body.export.shopify, body.export.woocommerce]).toEqual(['body_html', 'html', 'body_html', 'description']);
    expect(loadTemplate('email-copy').fields.map((f) => [f.name, f.max_length])).toEqual([
      ['subject', 60],
      ['preheader', 100],
      ['body_text', 2000],
    ]);
    expect(loadTemplate('faq').kind).toBe('faq');
    expect(loadTemplate('category-page').kind).toBe('category');
  });

  it('unknown name: a UserError that lists the available templates', () => {
    const msg = errorOf(() => loadTemplate('product-descripton'));
    expect(msg).toContain('unknown template "product-descripton"');
    expect(msg).toContain('category-page, email-copy, faq, product-description, seo');
    expect(errorOf(() => loadTemplate('../package'))).toContain('unknown template');
  });
});

describe('store overrides and paths', () => {
  const store = join(tmp, 'store-templates');
  mkdirSync(store, { recursive: true });
  const shipped = readFileSync(join(shippedTemplatesDir(), 'seo.yaml'), 'utf8');
  writeFileSync(join(store, 'seo.yaml'), shipped.replace(/^description: .*$/m, 'description: Our own SEO copy.'));
  writeFileSync(join(store, 'gift-note.yaml'), MINIMAL.replace('name: mini', 'name: gift-note'));

  it('the store\'s template wins over the shipped one, with its own hash', () => {
    const own = loadTemplate('seo', { templatesDir: store });
    expect(own.description).toBe('Our own SEO copy.');
    expect(own.source).toBe(join(store, 'seo.yaml'));
    expect(own.hash).not.toBe(loadTemplate('seo').hash);
    // Other names still come from the shipped folder.
    expect(loadTemplate('faq', { templatesDir: store }).source).toBe(join(shippedTemplatesDir(), 'faq.yaml'));
    expect(listTemplates({ templatesDir: store })).toEqual([...SHIPPED.slice(0, 3), 'gift-note', ...SHIPPED.slice(3)]);
  });

  it('loads a path ending in .yaml; hash is the content\'s', () => {
    const p = write('mini.yaml', MINIMAL);
    const t = loadTemplate(p);
    expect(t.name).toBe('mini');
    expect(t.hash).toBe(loadTemplate(write('mini-copy.yml', MINIMAL)).hash);
    expect(t.hash).not.toBe(loadTemplate(write('mini2.yaml', MINIMAL.replace('version: 1', 'version: 2'))).hash);
  });

  it('a store template whose name: differs from its file name is an error', () => {
    const dir = join(tmp, 'mismatch');
    mkdirSync(dir);
    writeFileSync(join(dir, 'seo.yaml'), MINIMAL);
    expect(errorOf(() => loadTemplate('seo', { templatesDir: dir }))).toMatch(/seo\.yaml line 1, column 7: name is "mini"/);
  });
});

describe('broken templates name the file and the line', () => {
  it('bad YAML', () => {
    const p = write('bad-yaml.yaml', MINIMAL.replace('kind: seo', 'kind: [seo'));
    expect(errorOf(() => loadTemplate(p))).toMatch(/bad-yaml\.yaml line \d+, column \d+: /);
  });

  it('an unknown key (instructons)', () => {
    const p = write('typo.yaml', MINIMAL.replace('instructions:', 'instructons:'));
    const msg = errorOf(() => loadTemplate(p));
    expect(msg).toContain('typo.yaml line 9, column 1: unknown key "instructons"');
  });

  it('a field without an offline rendering', () => {
    const p = write('no-offline.yaml', MINIMAL.replace('  seo_title: "{{title}}"', '  other: "{{title}}"'));
    const msg = errorOf(() => loadTemplate(p));
    expect(msg).toMatch(/no-offline\.yaml line 11, column \d+: offline: no offline rendering for field "seo_title"/);
  });

  it('an unknown variable, an unknown filter and an unclosed section, each at its own line', () => {
    const text = MINIMAL.replace(
      '  seo_title: "{{title}}"',
      ['  seo_title: |', '    {{title}}', '    {{#vendor}} by {{vendr}}{{/vendor}}', '    {{title|shout}}', '    {{#materials}}'].join('\n'),
    );
    const msg = errorOf(() => loadTemplate(write('bad-spec.yaml', text)));
    expect(msg).toMatch(/bad-spec\.yaml line 1[0-9], column \d+: offline\.seo_title: \{\{#materials\}\} is never closed/);
    const fixedSection = text.replace('    {{#materials}}', '    {{#materials}}{{/materials}}');
    const msg2 = errorOf(() => loadTemplate(write('bad-spec2.yaml', fixedSection)));
    expect(msg2).toContain('bad-spec2.yaml line 13, column 20: offline.seo_title: unknown variable "vendr"');
    expect(msg2).toContain('bad-spec2.yaml line 14, column 5: offline.seo_title: unknown filter "shout"');
  });

  it('an offline key that is no field', () => {
    const p = write('extra.yaml', `${MINIMAL}  seo_descriptoin: "{{title}}"\n`);
    expect(errorOf(() => loadTemplate(p))).toMatch(/extra\.yaml line 12, column \d+: offline\.seo_descriptoin: there is no field/);
  });
});

const vars: Vars = {
  title: 'Tom & Jerry\'s <b>"Mug"</b>',
  vendor: '',
  materials: ['stoneware', 'Glaze'],
  tags: ['a', 'b'],
  facts: [
    { label: 'Capacity', value: '350 ml' },
    { label: 'Care', value: 'Hand wash' },
  ],
};
const render = (spec: string, format: 'html' | 'text' = 'text', seed = 'x', maxLength?: number): string =>
  renderField(parseSpec(spec), vars, { format, seed, maxLength });

describe('the render language', () => {
  it('sections render only for non-empty values; inverted sections only for empty ones', () => {
    expect(render('A{{#vendor}} by {{vendor}}{{/vendor}}{{^vendor}} (no vendor){{/vendor}}.')).toBe('A (no vendor).');
    expect(render('{{#materials}}Made of {{materials|lower}}.{{/materials}}{{^materials}}Nothing.{{/materials}}')).toBe(
      'Made of stoneware and glaze.',
    );
  });

  it('loops over lists and items', () => {
    expect(render('<ul>{{*facts}}<li>{{label}}: {{value}}</li>{{/facts}}</ul>', 'html')).toBe(
      '<ul>\n<li>Capacity: 350 ml</li>\n<li>Care: Hand wash</li>\n</ul>',
    );
    expect(render('{{*tags}}[{{.}}]{{/tags}}')).toBe('[a][b]');
  });

  it('escapes every value in HTML fields, not in text fields, and not the template\'s own markup', () => {
    expect(render('<p>{{title}}</p>', 'html')).toBe('<p>Tom &amp; Jerry&#39;s &lt;b&gt;&quot;Mug&quot;&lt;/b&gt;</p>');
    expect(render('{{title}}')).toBe('Tom & Jerry\'s <b>"Mug"</b>');
  });

  it('tidies: drops empty elements and lines that hold only a block tag', () => {
    expect(render('<p>{{vendor}}</p>\n<p>x</p>', 'html')).toBe('<p>x</p>');
    expect(render('Hello,\n{{#facts}}\nDetails:\n{{*facts}}\n- {{label}}\n{{/facts}}\n{{/facts}}\nBye')).toBe(
      'Hello,\nDetails:\n- Capacity\n- Care\nBye',
    );
    expect(render('Made of {{vendor}} .')).toBe('Made of.');
  });

  it('{{#pick}} is deterministic, varies with the seed and skips empty alternatives', () => {
    const spec = '{{#pick}}one{{|}}two{{|}}three{{|}}four{{/pick}}';
    expect(render(spec, 'text', 'mug')).toBe(render(spec, 'text', 'mug'));
    const seen = new Set(Array.from({ length: 40 }, (_, i) => render(spec, 'text', `product-${i}`)));
    expect(seen.size).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 20; i++) expect(render('{{#pick}}{{vendor}}{{|}}fallback{{/pick}}', 'text', `p${i}`)).toBe('fallback');
  });

  it('reports syntax and scope mistakes', () => {
    const messages = (spec: string): string[] => checkSpec(spec).map((e) => e.message);
    expect(messages('{{#title}}x')).toEqual(['{{#title}} is never closed (expected {{/title}})']);
    expect(messages('{{#title}}x{{/vendor}}')[0]).toContain('{{/vendor}} does not close {{#title}}');
    expect(messages('{{facts}}')[0]).toContain('use {{*facts}}');
    expect(messages('{{*title}}{{/title}}')[0]).toContain('not a list');
    expect(messages('{{.}}')[0]).toContain('only valid inside');
    expect(messages('{{label}}')[0]).toContain('unknown variable "label"');
    expect(messages('{{*facts}}{{label}}{{/facts}}')).toEqual([]);
    expect(messages('a {{|}} b')[0]).toContain('only valid inside {{#pick}}');
    expect(messages('{{title')[0]).toContain('never closed');
  });
});

describe('fitLength', () => {
  it('cuts at a word boundary, never mid-word, without dangling fragments', () => {
    expect(fitLength('Hand-thrown stoneware mug with speckled glaze', 30)).toBe('Hand-thrown stoneware mug');
    expect(fitLength('Linen shirt, sizes and colours', 22)).toBe('Linen shirt, sizes');
    expect(fitLength('Linen shirt, sizes, colours', 20)).toBe('Linen shirt, sizes');
    expect(fitLength('Available in three sizes (S, M, L) and more', 30)).toBe('Available in three sizes');
    expect(fitLength('Short', 70)).toBe('Short');
  });

  it('prefers a sentence end or a separator in the second half', () => {
    expect(fitLength('First sentence is here. Second sentence runs long', 40)).toBe('First sentence is here.');
    expect(fitLength('A long product title goes here | Store Name', 40)).toBe('A long product title goes here');
  });

  it('cuts HTML after the last complete block', () => {
    expect(fitLength('<p>One two three.</p>\n<p>Four five six seven.</p>', 30, 'html')).toBe('<p>One two three.</p>');
  });
});

describe('checkFields', () => {
  const seo = loadTemplate('seo');
  it('length limits, with the label in the message', () => {
    const checks = checkFields(seo, { seo_title: 'x'.repeat(74), seo_description: 'Short.' });
    expect(checks).toContainEqual({ field: 'seo_title', level: 'error', rule: 'length', message: 'SEO title is 74 characters; the limit is 70' });
    expect(checks).toContainEqual({ field: 'seo_description', level: 'warning', rule: 'length', message: 'Meta description is 6 characters; aim for at least 70' });
    expect(checkFields(seo, { seo_title: 'é'.repeat(70), seo_description: 'a'.repeat(100) })).toEqual([]);
  });

  it('banned words: any case, whole words only, hyphen or space', () => {
    const check = (t: string): string[] =>
      checkFields(seo, { seo_title: t, seo_description: 'A plain description of a plain product that is long enough here.' })
        .filter((c) => c.level === 'error')
        .map((c) => c.message);
    expect(check('A Revolutionary mug')).toEqual(['SEO title uses the banned word "Revolutionary"']);
    expect(check('A real game changer')).toEqual(['SEO title uses the banned word "game changer"']);
    expect(check('Unrevolutionaryish mugs')).toEqual([]);
    const body = loadTemplate('product-description');
    expect(checkFields(body, { body_html: '<p>World-Class <b>mug</b></p>' }).map((c) => c.message)).toContain(
      'Description uses the banned word "World-Class"',
    );
  });

  it('empty and missing fields are errors; unknown fields are warnings', () => {
    const checks = checkFields(seo, { seo_title: '  ', extra: 'x' });
    expect(checks).toEqual([
      { field: 'seo_title', level: 'error', message: 'SEO title is empty' },
      { field: 'seo_description', level: 'error', message: 'Meta description is missing' },
      { field: 'extra', level: 'warning', message: '"extra" is not a field of template seo; it is ignored' },
    ]);
    expect(checkFields(loadTemplate('faq'), { faq_html: '<p> </p>' })[0]?.message).toBe('FAQ is empty');
  });
});
