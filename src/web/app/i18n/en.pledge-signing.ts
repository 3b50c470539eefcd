import type { pledgeSigningZhCN } from './zh-CN.pledge-signing';

/** English strings of signing a pledge with a cadre. */
export const pledgeSigningEn: Record<keyof typeof pledgeSigningZhCN, string> = {
  'pledgeSigning.open': 'Sign on site',
  'pledgeSigning.title': 'Sign a pledge on site',
  'pledgeSigning.unit': 'Unit',
  'pledgeSigning.person': 'Signer',
  'pledgeSigning.personHelp': 'A party member, a doctor or a volunteer, already registered',
  'pledgeSigning.personPlaceholder': 'Search by name, pinyin initials, ID number or phone',
  'pledgeSigning.noPersons': 'Nobody found; register the person first',
  'pledgeSigning.text': 'Pledge text (may be adapted for the signer)',
  'pledgeSigning.sign': 'The signer signs by hand below:',
  'pledgeSigning.clear': 'Clear',
  'pledgeSigning.signMissing': 'Sign first',
  'pledgeSigning.submit': 'Sign',
  'pledgeSigning.done': 'Signed, serial {serial}',
  'pledgeSigning.required': 'Required',
} as const;
