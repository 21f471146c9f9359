import { z } from 'zod';

/** The `claims:` section of shopflow.yaml: additions to the shipped vocabulary. */
export const ClaimsConfig = z
  .object({
    materials: z.array(z.string().min(1)).default([]).describe('Extra material words, e.g. tencel'),
    properties: z.array(z.string().min(1)).default([]).describe('Extra properties or certifications, e.g. "Soil Association"'),
    superlatives: z.array(z.string().min(1)).default([]).describe('Extra superlative phrases to check'),
    synonyms: z
      .record(z.string(), z.array(z.string().min(1)))
      .default({})
      .describe('More phrasings of a known term: { "machine-washable": ["washes at 30"] }'),
    ignore: z.array(z.string().min(1)).default([]).describe('Phrases never checked'),
    facts_file: z.string().optional().describe('CSV with columns handle,fact: extra facts per product that support claims'),
  })
  .strict()
  .default({ materials: [], properties: [], superlatives: [], synonyms: {}, ignore: [] });
export type ClaimsConfig = z.infer<typeof ClaimsConfig>;
