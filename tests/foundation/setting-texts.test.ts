import { describe, expect, it } from 'vitest';
import { SETTING_DEFS } from '../../server/modules/settings/rules.js';
import { SETTING_TEXT_EN, SETTING_TEXT_ID } from '../../console/src/settings/texts.js';

describe('policy settings people can read (issue 16, item 5; POL-1)', () => {
  it(`every policy setting has a label and a description in English and \
Indonesian, and no text is left over`, () => {
    const keys = SETTING_DEFS.map((d) => d.key).sort();
    for (const [lang, texts] of [
      ['en', SETTING_TEXT_EN],
      ['id', SETTING_TEXT_ID],
    ] as const) {
      expect(Object.keys(texts).sort(), lang).toEqual(keys);
      for (const key of keys) {
        expect(texts[key]!.label.trim(), `${lang} ${key}`).not.toBe('');
        expect(texts[key]!.description.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
    // Translated, not copied: the Indonesian labels differ from the English ones (a few words are shared).
    const same = keys.filter((k) => SETTING_TEXT_EN[k]!.label === SETTING_TEXT_ID[k]!.label);
    expect(same.length).toBeLessThan(keys.length / 10);
  });
});
