import { describe, expect, test } from 'vitest';
import { extractClaims, sentences } from '../src/core/claims/extract.js';
import { buildVocabulary, defaultVocabulary } from '../src/core/claims/vocabulary.js';
import { quantity, sameAmount, parseNumber } from '../src/core/claims/units.js';

const vocab = defaultVocabulary();
const found = (text: string, v = vocab) => extractClaims(text, v).claims.map((c) => `${c.kind}:${c.text}${c.negated ? ' (not)' : ''}`);

describe('claim extraction', () => {
  test('quantities with units, as stores write them', () => {
    expect(found('Holds 350 ml, about 11.8 fl oz. Weighs 1,200 g with a 5000mAh battery.')).toEqual([
      'quantity:350 ml', 'quantity:11.8 fl oz', 'quantity:1,200 g', 'quantity:5000mAh',
    ]);
    expect(found('A 12" board, 60W at 230 V; 0,5 l bottle; set of 4; 6-pack; 2 pieces')).toEqual([
      'quantity:12"', 'quantity:60W', 'quantity:230 V', 'quantity:0,5 l', 'quantity:set of 4', 'quantity:6-pack', 'quantity:2 pieces',
    ]);
  });

  test('"in" is a unit only where no word follows it', () => {
    expect(found('Comes 2 in blue. Measures 12 in x 8 in.')).toEqual(['dimensions:12 in x 8 in']);
  });

  test('dimensions are one claim', () => {
    expect(found('A 20 x 30 cm print; box 10×12×4 cm; 20cm x 30cm')).toEqual([
      'dimensions:20 x 30 cm', 'dimensions:10×12×4 cm', 'dimensions:20cm x 30cm',
    ]);
  });

  test('materials, longest first; 100% goes with the material', () => {
    expect(found('100% organic cotton, vegan leather strap and a stainless steel buckle. Merino wool lining.')).toEqual([
      'material:100% organic cotton', 'material:vegan leather', 'material:stainless steel', 'material:Merino wool',
    ]);
  });

  test('properties and certifications, negation noted; "free" of a material is no material claim', () => {
    expect(found('Waterproof and BPA-free. Not dishwasher safe. FSC certified paper, CE marked. Plastic-free packaging.')).toEqual([
      'property:Waterproof', 'property:BPA-free', 'property:dishwasher safe (not)', 'property:FSC certified', 'material:paper', 'property:CE marked',
    ]);
  });

  test('lower-case "ce" or "ul" is never a certification', () => {
    expect(found('a nice ul list, once')).toEqual([]);
  });

  test('compatibility names the models; "fits true to size" is no model', () => {
    const { claims } = extractClaims('Fits iPhone 16 and iPhone 16 Pro. Works with MagSafe. Fits true to size.', vocab);
    expect(claims.map((c) => [c.kind, c.models])).toEqual([
      ['compatibility', ['iPhone 16', 'iPhone 16 Pro']],
      ['compatibility', ['MagSafe']],
    ]);
  });

  test('warranties, shipping, prices, discounts and superlatives', () => {
    expect(found('2-year warranty and a money-back guarantee, 30-day returns. Free shipping; ships within 2 business days. Now $24.50, 20% off. Our best-selling mug, the #1 choice.')).toEqual([
      'warranty:2-year warranty', 'warranty:money-back guarantee', 'warranty:30-day returns', 'shipping:Free shipping',
      'shipping:ships within 2 business days', 'price:$24.50', 'discount:20% off', 'superlative:best-selling', 'superlative:#1',
    ]);
  });

  test('"make the most of" is no superlative', () => {
    expect(found('Make the most of slow mornings.')).toEqual([]);
  });

  test('words that describe a look or a colour are no material claims (found in real store copy)', () => {
    expect(found('A classic stone wash. Gold tone clasp, leather-look strap, an organic feel. We will do our best to help you through the first months.')).toEqual([]);
    expect(found('A charcoal glaze in a dark bronze metal pot.')).toEqual([]);
    expect(found('Solid bronze, 14k gold plated, charcoal-infused, made of slate.')).toEqual([
      'material:bronze', 'material:gold', 'material:charcoal', 'material:slate',
    ]);
  });

  test('HTML is read as text', () => {
    expect(found('<p>Holds <strong>350&nbsp;ml</strong>.</p><ul><li>Dishwasher safe</li></ul>')).toEqual(['quantity:350 ml', 'property:Dishwasher safe']);
  });

  test('a store adds materials, properties and synonyms, and ignores phrases', () => {
    const v = buildVocabulary({ materials: ['tencel'], properties: ['Soil Association'], superlatives: [], synonyms: { 'machine-washable': ['washes at 30'] }, ignore: ['the best'] });
    expect(found('Tencel twill, Soil Association approved, washes at 30. The best.', v)).toEqual([
      'material:Tencel', 'property:Soil Association', 'property:washes at 30',
    ]);
  });
});

describe('sentences', () => {
  test('split at ends and line breaks, not at "no. 1", "fl. oz" or decimals', () => {
    expect(sentences('The no. 1 mug. Holds 11.8 fl. oz. Nice.\nNext line').map((s) => s.text)).toEqual([
      'The no. 1 mug.', 'Holds 11.8 fl. oz. Nice.', 'Next line',
    ].flatMap((s) => (s === 'Holds 11.8 fl. oz. Nice.' ? ['Holds 11.8 fl. oz.', 'Nice.'] : [s])));
  });
});

describe('units', () => {
  test('conversions within rounding', () => {
    expect(sameAmount(quantity(350, 'ml')!, quantity(11.8, 'fl oz', '11.8')!)).toBe(true);
    expect(sameAmount(quantity(400, 'g')!, quantity(0.88, 'lb', '0.88')!)).toBe(true);
    expect(sameAmount(quantity(350, 'ml')!, quantity(12, 'oz')!)).toBe(true);
    expect(sameAmount(quantity(350, 'ml')!, quantity(500, 'ml')!)).toBe(false);
    expect(sameAmount(quantity(1, 'kg')!, quantity(1000, 'g')!)).toBe(true);
    expect(sameAmount(quantity(30, 'cm')!, quantity(14, 'in')!)).toBe(false);
  });
  test('number formats', () => {
    expect([parseNumber('1,200'), parseNumber('1.200,5'), parseNumber('0,5'), parseNumber('four'), parseNumber('12.5')]).toEqual([1200, 1200.5, 0.5, 4, 12.5]);
  });
});
