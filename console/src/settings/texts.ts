/**
 * What each policy setting is called and what it does, for people (issue 16, item 5), in English and
 * Indonesian. The keys are the server's setting keys; the values stay stored in their fixed units.
 */
export { SETTING_TEXT_EN, type SettingText } from './texts-en';
export { SETTING_TEXT_ID } from './texts-id';
