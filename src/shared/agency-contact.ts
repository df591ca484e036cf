/** How the app says «liên hệ cán bộ công nghệ thông tin» with the agency's own contact, in the CLI, the tray and the window. */
import type { Message } from './finding';
import type { Agency } from './org-policy';

/** The contact's parts as messages (`policy:contact.*`), in the order a person reads them. */
export function contactParts(agency: Agency | undefined): readonly Message[] {
  const c = agency?.itContact;
  if (!c) return [];
  const out: Message[] = [];
  if (c.name) out.push({ key: 'policy:contact.name', params: { name: c.name } });
  if (c.phone) out.push({ key: 'policy:contact.phone', params: { phone: c.phone } });
  if (c.email) out.push({ key: 'policy:contact.email', params: { email: c.email } });
  if (c.room) out.push({ key: 'policy:contact.room', params: { room: c.room } });
  return out;
}

/** One line: "Liên hệ cán bộ công nghệ thông tin của <agency>: <parts>"; null when the organisation gave no contact. */
export function contactLine(agency: Agency | undefined, render: (m: Message) => string): string | null {
  const parts = contactParts(agency);
  if (parts.length === 0) return null;
  const text = parts.map(render).join('; ');
  return agency?.name ? render({ key: 'policy:contact.line', params: { agency: agency.name, parts: text } }) : render({ key: 'policy:contact.lineNoAgency', params: { parts: text } });
}

/** The texts a removal (`fix`, the wizard) may show that ask the person to contact IT: the contact goes with them. */
export const ASKS_IT_KEYS: ReadonlySet<string> = new Set([
  'fix:manual.askIt',
  'fix:why.otherProfile',
  'fix:why.otherUser',
  'fix:refused.foreignOwner',
  'fix:refused.foreignWritable',
  'fix:refused.foreignOwnerEdit',
  'fix:refused.foreignOwnerNoName',
  'fix:refused.foreignOwnerNoNameEdit',
  'fix:refused.foreignWritableEdit',
  'fix:cli.auditRefused',
  'fix:exit.msi.1603',
  'fix:exit.elevation.uacRefused',
  'fix:exit.elevation.notAuthorised',
  'fix:exit.other',
  'fix:exit.otherDetail',
  'fix:exit.signal',
  'fix:exit.signalDetail',
]);
