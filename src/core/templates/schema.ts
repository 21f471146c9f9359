import { z } from 'zod';

/** One piece of text a template produces, e.g. the product description or the SEO title. */
export const TemplateField = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case, e.g. body_html'),
    label: z.string(),
    format: z.enum(['html', 'text']).default('text'),
    min_length: z.number().int().nonnegative().optional(),
    max_length: z.number().int().positive().optional(),
    /** Which column of the platform's import file receives this field (for sync export). */
    export: z
      .object({
        shopify: z.enum(['body_html', 'seo_title', 'seo_description']).optional(),
        woocommerce: z.enum(['description', 'short_description']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type TemplateField = z.infer<typeof TemplateField>;

export const Template = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case, e.g. product-description'),
    description: z.string(),
    /** Bump when the wording changes: drafts made with an older version are drafted again. */
    version: z.number().int().positive(),
    /** The review queue kind this template's items belong to. */
    kind: z.enum(['product_copy', 'seo', 'faq', 'category', 'email']),
    fields: z.array(TemplateField).min(1),
    banned_words: z.array(z.string()).default([]),
    /** For a language model: what to write, in the owner's words. */
    instructions: z.string(),
    /** For the offline provider: one render spec per field (see templates/README.md). */
    offline: z.record(z.string(), z.string()),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const f of t.fields) {
      if (!(f.name in t.offline)) {
        ctx.addIssue({ code: 'custom', path: ['offline'], message: `no offline rendering for field "${f.name}"` });
      }
    }
  });
export type Template = z.infer<typeof Template>;
