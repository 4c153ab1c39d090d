// Every locale pack has every key of the English texts (the type says so too; this
// catches a key added to English later), with the same {placeholders}, a form for
// each plural category of its language, and the picking rules of matchLocale.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isRtl, localeTags, matchLocale } from '../src/internal/locale.ts';
import {
  type ChatWidgetStrings,
  defaultStrings,
  duration,
  type PluralText,
  plural,
} from '../src/internal/strings.ts';

const localesDir = new URL('../src/locales/', import.meta.url);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const load = async (tag: string): Promise<ChatWidgetStrings> =>
  (await import(new URL(`${tag}.ts`, localesDir).href)).default;

test('one pack file per listed locale, and no other', () => {
  const files = readdirSync(localesDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  assert.deepEqual(files, [...localeTags].sort());
});

for (const tag of localeTags) {
  test(`${tag}: every English key, translated, same placeholders, every plural form`, async () => {
    const pack = await load(tag);
    assert.deepEqual(Object.keys(pack).sort(), Object.keys(defaultStrings).sort());
    assert.equal(pack.locale, tag);
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
    for (const [key, english] of Object.entries(defaultStrings)) {
      const value = pack[key as keyof ChatWidgetStrings];
      if (typeof english === 'string') {
        assert.equal(typeof value, 'string', `${tag}.${key}`);
        assert.ok((value as string).trim(), `${tag}.${key} is empty`);
        assert.deepEqual(placeholders(value as string), placeholders(english), `${tag}.${key}`);
      } else {
        const forms = value as PluralText;
        for (const category of categories) {
          const form = forms[category] ?? forms.other;
          assert.ok(form, `${tag}.${key}.${category}`);
        }
        for (const [category, form] of Object.entries(forms)) {
          assert.ok(
            categories.includes(category as Intl.LDMLPluralRule),
            `${tag}.${key}.${category} is not a category of ${tag}`,
          );
          assert.ok(
            form.includes('{count}') || category !== 'other',
            `${tag}.${key}.other has no {count}`,
          );
        }
      }
    }
    // Most texts differ from English (a copied pack is not a translation).
    const same = Object.entries(defaultStrings).filter(
      ([key, english]) =>
        typeof english === 'string' &&
        key !== 'locale' &&
        pack[key as keyof ChatWidgetStrings] === english,
    );
    assert.ok(same.length < 8, `${tag}: ${same.map(([k]) => k).join(', ')} still English`);
  });
}

test('the packs are not imported statically anywhere (they load on demand)', () => {
  const sources = ['chat-widget.ts', 'index.ts', 'define.ts', 'internal/locale-packs.ts'];
  for (const file of sources) {
    const path = new URL(`../src/${file}`, import.meta.url);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    assert.doesNotMatch(text, /^import [^(]*locales\//m, file);
  }
});

test('matchLocale: exact, then the language, else English (null)', () => {
  assert.equal(matchLocale('de'), 'de');
  assert.equal(matchLocale('DE-at'), 'de');
  assert.equal(matchLocale('pt-BR'), 'pt-BR');
  assert.equal(matchLocale('pt_PT'), 'pt-BR');
  assert.equal(matchLocale('zh'), 'zh-CN');
  assert.equal(matchLocale('zh-Hant-HK'), 'zh-TW');
  assert.equal(matchLocale('zh-tw'), 'zh-TW');
  assert.equal(matchLocale('ar-EG'), 'ar');
  assert.equal(matchLocale('en-GB'), null);
  assert.equal(matchLocale('el'), null);
  assert.equal(matchLocale(''), null);
  assert.equal(matchLocale(null), null);
});

test('isRtl: Arabic, Hebrew, Persian right to left; others not', () => {
  assert.equal(isRtl('ar'), true);
  assert.equal(isRtl('he-IL'), true);
  assert.equal(isRtl('fa'), true);
  assert.equal(isRtl('de'), false);
  assert.equal(isRtl('en'), false);
});

test('plural: the category Intl.PluralRules picks, numbers in the locale', async () => {
  assert.equal(plural(defaultStrings.seconds, 1, 'en'), '1 second');
  assert.equal(plural(defaultStrings.seconds, 4, 'en'), '4 seconds');
  const ru = await load('ru');
  assert.equal(plural(ru.seconds, 1, 'ru'), '1 секунду');
  assert.equal(plural(ru.seconds, 3, 'ru'), '3 секунды');
  assert.equal(plural(ru.seconds, 5, 'ru'), '5 секунд');
  assert.equal(plural(ru.seconds, 21, 'ru'), '21 секунду');
  const ar = await load('ar');
  assert.equal(plural(ar.seconds, 2, 'ar'), 'ثانيتين');
  assert.equal(plural(ar.seconds, 3, 'ar'), `${new Intl.NumberFormat('ar').format(3)} ثوانٍ`);
  assert.equal(plural({ other: '{count} x' }, 1234, 'de'), '1.234 x');
  // A bad tag falls back to `other` with plain digits instead of throwing.
  assert.equal(plural(defaultStrings.seconds, 2, 'not a tag!'), '2 seconds');
});

test('duration: seconds, or minutes and seconds, in words', async () => {
  assert.equal(duration(4, defaultStrings), '4 seconds');
  assert.equal(duration(60, defaultStrings), '1 minute');
  assert.equal(duration(125, defaultStrings), '2 minutes 5 seconds');
  const de = await load('de');
  assert.equal(duration(1, de), '1 Sekunde');
  assert.equal(duration(61, de), '1 Minute 1 Sekunde');
});
