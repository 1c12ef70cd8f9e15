import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { LinkifyIt } from 'linkify-it';
import type { ContactMatch } from '../../../db/schema.js';

/**
 * CAT-3: contact details in public text. Phone numbers by libphonenumber (Indonesian numbers without
 * their country code too), emails and links by linkify-it, and the phrases of the two languages our
 * users write that ask to pay or talk outside the marketplace. Offsets are UTF-16 code units, as
 * JavaScript and the console slice strings; `end` is exclusive.
 */

const linkify = new LinkifyIt({ fuzzyLink: true });

/** Hosts of messaging apps: a link to one is a way to talk outside Pasar (WhatsApp, Telegram, LINE...). */
const MESSAGING_HOSTS = [
  'wa.me',
  'whatsapp.com',
  'wa.link',
  't.me',
  'telegram.me',
  'telegram.org',
  'telegram.dog',
  'line.me',
  'lin.ee',
  'm.me',
  'messenger.com',
  'signal.me',
  'signal.group',
  'discord.gg',
  'discord.com',
  'skype.com',
  'wechat.com',
];

/** Phrases that take payment or talk off the platform ("bayar di luar", "transfer outside"). */
const OUTSIDE_PHRASES = [
  /\b(?:bayar|pembayaran|transfer|transaksi)\s+(?:langsung\s+)?(?:di\s+)?luar(?:\s+(?:pasar|platform|aplikasi|situs|web))?\b/giu,
  /\bdi\s+luar\s+(?:pasar|platform|aplikasi|situs)\b/giu,
  /\b(?:transfer|kirim|bayar)\s+(?:langsung\s+)?ke\s+(?:no\.?\s*)?rek(?:ening)?(?:\s+(?:saya|pribadi|bca|bni|bri|mandiri)){0,2}\b/giu,
  /\bno\.?\s*rek(?:ening)?\b/giu,
  /\b(?:pay|payment|transfer|paid)\s+(?:me\s+)?(?:directly|outside|off[- ]platform)(?:\s+(?:of\s+)?(?:pasar|the\s+(?:platform|site|app)))?\b/giu,
  /\b(?:outside|off)\s+(?:of\s+)?(?:pasar|the\s+(?:platform|site|app))\b/giu,
  /\b(?:my\s+)?bank\s+account\s+(?:directly|number)\b/giu,
  /\bdirect\s+(?:bank\s+)?transfer\b/giu,
  /\b(?:hubungi|chat|kontak|contact|add)\s+(?:saya\s+|me\s+)?(?:di|via|lewat|on|at)\s+(?:wa|whatsapp|telegram|tele|line|ig|instagram)\b/giu,
];

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

const isMessagingHost = (host: string) => MESSAGING_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));

/** Every contact detail in `text`, in order, none overlapping another (the longer one wins). */
export function detectContacts(text: string): ContactMatch[] {
  if (!text) return [];
  const found: ContactMatch[] = [];
  for (const m of linkify.match(text) ?? []) {
    if (m.schema === 'mailto:' || m.url.startsWith('mailto:'))
      found.push({ kind: 'email', start: m.index, end: m.lastIndex, text: m.raw });
    else if (isMessagingHost(hostOf(m.url)))
      found.push({ kind: 'messaging_link', start: m.index, end: m.lastIndex, text: m.raw });
  }
  for (const p of findPhoneNumbersInText(text, 'ID'))
    found.push({ kind: 'phone', start: p.startsAt, end: p.endsAt, text: text.slice(p.startsAt, p.endsAt) });
  for (const re of OUTSIDE_PHRASES)
    for (const m of text.matchAll(re))
      found.push({ kind: 'off_platform', start: m.index, end: m.index + m[0].length, text: m[0] });
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: ContactMatch[] = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}
