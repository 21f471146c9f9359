
/**
 * The words the claims guard looks for. Each term has a canonical name and the phrasings that mean
 * it; a store adds its own under `claims:` in shopflow.yaml.
 */
export interface Term {
  /** Canonical name, shown in review ("stainless steel"). */
  name: string;
  /** Every phrasing that states it, the name included, lower case. */
  phrases: string[];
  /** Materials: the family whose other members contradict it (a fibre contradicts another fibre). */
  family?: string;
  /** A broader term this one implies: merino is wool, so data saying merino supports "wool". */
  implies?: string;
  /** Properties that cannot both hold: "waterproof" against data saying "water-resistant". */
  excludes?: string[];
}

export interface Vocabulary {
  materials: Term[];
  /** Care and use properties, and certifications. */
  properties: Term[];
  superlatives: string[];
  /** Phrases never checked (an owner's known-true house phrases). */
  ignore: string[];
}

const families: Record<string, string[]> = {
  fibre: ['cotton', 'wool', 'linen', 'silk', 'cashmere', 'alpaca', 'mohair', 'polyester', 'nylon', 'viscose', 'acrylic', 'hemp', 'jute', 'fleece', 'spandex', 'elastane', 'rayon', 'lyocell', 'modal'],
  metal: ['steel', 'aluminium', 'brass', 'bronze', 'copper', 'iron', 'titanium', 'silver', 'gold', 'pewter', 'zinc'],
  ceramic: ['ceramic', 'stoneware', 'porcelain', 'earthenware', 'terracotta', 'glass'],
  wood: ['oak', 'walnut', 'maple', 'beech', 'birch', 'teak', 'pine', 'cedar', 'acacia', 'ash', 'cherry wood', 'bamboo'],
  hide: ['leather', 'suede', 'vegan leather'],
  plastic: ['plastic', 'silicone', 'rubber', 'resin', 'polypropylene', 'abs', 'polycarbonate', 'tpu'],
  stone: ['marble', 'granite', 'slate', 'concrete', 'stone', 'terrazzo'],
  other: ['charcoal', 'cork', 'paper', 'cardboard', 'rattan', 'wicker', 'seagrass'],
};

/** Materials with extra phrasings or a broader material they imply. */
const materialExtras: Record<string, Partial<Term>> = {
  'organic cotton': { implies: 'cotton', family: 'fibre' },
  'recycled polyester': { implies: 'polyester', family: 'fibre' },
  merino: { phrases: ['merino', 'merino wool'], implies: 'wool', family: 'fibre' },
  'lambswool': { implies: 'wool', family: 'fibre' },
  'stainless steel': { phrases: ['stainless steel', 'stainless'], implies: 'steel', family: 'metal' },
  aluminium: { phrases: ['aluminium', 'aluminum'] },
  'vegan leather': { phrases: ['vegan leather', 'faux leather', 'pu leather', 'leatherette', 'imitation leather'] },
  leather: { phrases: ['leather', 'full-grain leather', 'top-grain leather', 'genuine leather', 'cowhide'] },
  ceramic: { phrases: ['ceramic', 'ceramics'] },
  // Kinds of ceramic: "stoneware" copy for a product tagged "ceramics" is not a contradiction.
  stoneware: { implies: 'ceramic' },
  porcelain: { implies: 'ceramic' },
  earthenware: { implies: 'ceramic' },
  terracotta: { implies: 'ceramic' },
  'borosilicate glass': { implies: 'glass', family: 'ceramic' },
  wood: { phrases: ['wood', 'wooden', 'solid wood'], family: 'wood-generic' },
  'sterling silver': { implies: 'silver', family: 'metal' },
  beeswax: { family: 'wax' },
  'soy wax': { phrases: ['soy wax', 'soy'], family: 'wax' },
  paraffin: { phrases: ['paraffin', 'paraffin wax'], family: 'wax' },
  canvas: { family: 'fibre-weave' },
  denim: { implies: 'cotton', family: 'fibre-weave' },
  felt: { family: 'fibre-weave' },
  velvet: { family: 'fibre-weave' },
};

function materialTerms(): Term[] {
  const terms = new Map<string, Term>();
  for (const [family, names] of Object.entries(families)) for (const name of names) terms.set(name, { name, phrases: [name], family });
  for (const [name, extra] of Object.entries(materialExtras)) {
    const known = terms.get(name);
    terms.set(name, { name, phrases: [name], ...known, ...extra, ...(extra.phrases ? {} : { phrases: known?.phrases ?? [name] }) });
  }
  return [...terms.values()];
}

const prop = (name: string, phrases: string[], excludes?: string[]): Term => ({ name, phrases: [name, ...phrases], ...(excludes ? { excludes } : {}) });

const PROPERTIES: Term[] = [
  { ...prop('waterproof', ['water-proof', 'fully waterproof'], ['water-resistant']), implies: 'water-resistant' },
  prop('water-resistant', ['water resistant', 'splash-proof', 'splash proof', 'water-repellent', 'water repellent']),
  prop('dishwasher-safe', ['dishwasher safe', 'dishwasher-friendly', 'safe in the dishwasher', 'goes in the dishwasher'], ['hand wash only', 'hand-wash only']),
  prop('microwave-safe', ['microwave safe', 'microwavable', 'microwaveable']),
  prop('oven-safe', ['oven safe', 'ovenproof', 'oven-proof']),
  prop('freezer-safe', ['freezer safe']),
  prop('food-safe', ['food safe', 'food-grade', 'food grade', 'food-safe glaze']),
  prop('machine-washable', ['machine washable', 'machine wash', 'machine-wash'], ['hand wash only', 'hand-wash only', 'dry clean only']),
  prop('hand wash only', ['hand-wash only', 'hand wash', 'hand-wash', 'wash by hand']),
  prop('BPA-free', ['bpa free']),
  prop('lead-free', ['lead free']),
  prop('hypoallergenic', ['hypo-allergenic']),
  prop('organic', ['certified organic', 'usda organic']),
  prop('vegan', ['100% vegan', 'plant-based']),
  prop('cruelty-free', ['cruelty free', 'leaping bunny']),
  prop('gluten-free', ['gluten free']),
  prop('non-toxic', ['non toxic', 'nontoxic']),
  prop('recycled', ['recycled materials', 'made from recycled']),
  prop('biodegradable', ['compostable']),
  prop('handmade', ['hand-made', 'handcrafted', 'hand-crafted', 'made by hand', 'hand-thrown', 'hand thrown']),
  prop('UV-resistant', ['uv resistant', 'uv protection', 'upf 50+', 'upf50']),
  prop('rust-proof', ['rustproof', 'rust-resistant', 'rust resistant']),
  prop('scratch-resistant', ['scratch resistant', 'scratch-proof']),
  prop('shatterproof', ['shatter-proof', 'unbreakable']),
  prop('FSC', ['fsc-certified', 'fsc certified']),
  prop('CE', ['ce-marked', 'ce marked', 'ce certified']),
  prop('GOTS', ['gots-certified', 'gots certified']),
  prop('OEKO-TEX', ['oeko tex', 'oekotex', 'oeko-tex standard 100']),
  prop('Fair Trade', ['fairtrade', 'fair-trade']),
  prop('UL', ['ul-listed', 'ul listed', 'ul certified']),
  prop('FCC', ['fcc certified']),
  prop('RoHS', ['rohs compliant']),
  prop('B Corp', ['b-corp', 'certified b corporation']),
  prop('dermatologist-tested', ['dermatologist tested', 'dermatologically tested']),
  prop('Made in USA', ['made in the usa', 'made in america']),
  prop('solar-powered', ['solar powered', 'solar'], ['USB-powered', 'battery-powered', 'mains-powered']),
  prop('USB-powered', ['usb powered', 'usb-c powered', 'usb power'], ['solar-powered', 'battery-powered', 'mains-powered']),
  prop('battery-powered', ['battery powered', 'battery operated', 'battery-operated'], ['solar-powered', 'USB-powered', 'mains-powered']),
  prop('mains-powered', ['mains powered', 'plug-in', 'plugs into the wall'], ['solar-powered', 'USB-powered', 'battery-powered']),
  prop('rechargeable', []),
  prop('windproof', ['wind-proof', 'windresistant', 'wind-resistant']),
  prop('breathable', []),
  prop('bluesign', ['bluesign approved', 'bluesign certified']),
  prop('PFC-free', ['pfc free']),
  prop('PFAS-free', ['pfas free', 'ptfe-free', 'pfoa-free']),
  prop('latex-free', ['latex free']),
  prop('frost-proof', ['frost proof', 'frost-resistant', 'frost resistant']),
  prop('chew-proof', ['chew proof', 'chew-resistant', 'indestructible']),
  prop('odour-resistant', ['odor-resistant', 'odour-proof', 'odor-proof', 'anti-odour', 'anti-odor']),
  prop('antibacterial', ['anti-bacterial', 'antimicrobial', 'anti-microbial']),
  prop('RFID-blocking', ['rfid blocking', 'rfid protection']),
  prop('military-grade', ['military grade', 'mil-std', 'drop-tested', 'drop tested']),
  prop('Energy Star', ['energy-star']),
  prop('non-stick', ['nonstick', 'non stick']),
  prop('dentist-approved', ['dentist approved', 'dentist recommended']),
  prop('vet-approved', ['vet approved', 'vet recommended']),
  prop('fragrance-free', ['fragrance free', 'unscented']),
  prop('paraben-free', ['paraben free']),
  prop('SPF', ['spf 30', 'spf 50']),
  ...['IPX4', 'IPX5', 'IPX6', 'IPX7', 'IPX8', 'IP54', 'IP65', 'IP67', 'IP68'].map((r) => prop(r, [])),
];
// Case-sensitive certifications: "CE" or "UL" in lower case are ordinary syllables, never claims.
export const CASE_SENSITIVE = new Set(['CE', 'UL', 'FCC', 'FSC', 'GOTS', 'RoHS']);

const SUPERLATIVES = [
  'the best', 'best-selling', 'best selling', 'bestseller', 'best seller', 'best-seller', '#1', 'no. 1', 'number one',
  'the only', "world's first", "world's best", 'unbeatable', 'unmatched', 'unrivalled', 'unrivaled',
  'the finest', 'the strongest', 'the lightest', 'most popular', 'award-winning', 'award winning', 'clinically proven',
  'guaranteed results', 'lowest price', 'cheapest',
];

/** The shipped vocabulary, before a store's additions. */
export function defaultVocabulary(): Vocabulary {
  return { materials: materialTerms(), properties: PROPERTIES.map((t) => ({ ...t })), superlatives: [...SUPERLATIVES], ignore: [] };
}

// The `claims:` section's schema is the config's; the vocabulary only applies it.
export { ClaimsConfig } from '../config/claims.js';
import type { ClaimsConfig } from '../config/claims.js';

/** The shipped vocabulary with a store's additions. */
export function buildVocabulary(cfg?: ClaimsConfig): Vocabulary {
  const v = defaultVocabulary();
  if (!cfg) return v;
  const lower = (s: string) => s.trim().toLowerCase();
  for (const m of cfg.materials) if (!v.materials.some((t) => t.name === lower(m))) v.materials.push({ name: lower(m), phrases: [lower(m)], family: 'custom' });
  for (const p of cfg.properties) if (!v.properties.some((t) => t.name.toLowerCase() === lower(p))) v.properties.push({ name: p.trim(), phrases: [lower(p)] });
  v.superlatives.push(...cfg.superlatives.map(lower));
  for (const [name, more] of Object.entries(cfg.synonyms)) {
    const t = [...v.materials, ...v.properties].find((x) => x.name.toLowerCase() === lower(name) || x.phrases.includes(lower(name)));
    if (t) t.phrases.push(...more.map(lower));
    else v.properties.push({ name, phrases: [lower(name), ...more.map(lower)] });
  }
  v.ignore.push(...cfg.ignore.map(lower));
  return v;
}
