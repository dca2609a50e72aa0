/**
 * The sandbox's demo municipalities and their (throwaway) secrets. Usernames follow the
 * letter: the municipality's shared mailbox. Passwords follow SSB's rules (≥ 6 characters,
 * a letter and a digit, not resembling the user name). Test-environment feedback uses the
 * key 123456, as the letter says; production feedback has a key per municipality.
 */
export interface DemoMunicipality {
  number: string;
  name: string;
  /** District numbers (Oslo); ['00'] elsewhere. */
  bydeler: string[];
  username: string;
  fullName: string;
  password: string;
  kostraPin: string;
  encryptionKey: string;
  feedbackKeys: { test: string; production: string };
}

export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  {
    number: '0403',
    name: 'Hamar',
    bydeler: ['00'],
    username: 'postmottak@hamar.kommune.no',
    fullName: 'Hamar kommune postmottak',
    password: 'Sandkasse-0403',
    kostraPin: '40371',
    encryptionKey: 'hamar-uttrekk-nokkel-2025',
    feedbackKeys: { test: '123456', production: 'hamar-tilbakemelding-7Q2' },
  },
  {
    number: '0301',
    name: 'Oslo',
    bydeler: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15'],
    username: 'postmottak@oslo.kommune.no',
    fullName: 'Oslo kommune postmottak',
    password: 'Sandkasse-0301',
    kostraPin: '30118',
    encryptionKey: 'oslo-uttrekk-nokkel-2025',
    feedbackKeys: { test: '123456', production: 'oslo-tilbakemelding-9K4' },
  },
  {
    number: '5001',
    name: 'Trondheim',
    bydeler: ['00'],
    username: 'postmottak@trondheim.kommune.no',
    fullName: 'Trondheim kommune postmottak',
    password: 'Sandkasse-5001',
    kostraPin: '50012',
    encryptionKey: 'trondheim-uttrekk-nokkel-2025',
    feedbackKeys: { test: '123456', production: 'trondheim-tilbakemelding-3M8' },
  },
];
