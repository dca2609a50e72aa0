/**
 * The "bestilling til kommunens IT-drift om åpning av brannmur" the letter asks every
 * municipality to send (Helsedirektoratet 23.11.2016, ref. 14/1092-22), written from what
 * the connection checks observed: Norwegian bokmål, plain text, ready to paste into a
 * ticket. Only the network checks' results are used, and none of them holds a secret.
 */
import type { IplosSettings, MunicipalityProfile } from '../config/settings';
import { sendModuleAddress } from './checkDefinition';
import { NETWORK_CHECK_IDS, type CheckId, type CheckResult } from './checkTypes';

export interface FirewallOrderContext {
  /** Kommunenummer, e.g. 0403. */
  municipality?: string;
  /** e.g. Hamar. */
  municipalityName?: string;
  /** iplos.nhn.no */
  host: string;
  /** 91.186.94.110 */
  expectedAddress: string;
  /** 443 */
  port: number;
  /** The date the checks ran (default: now). */
  date?: Date;
  /** The machine or network the submission is made from (e.g. its name or address), when known. */
  source?: string;
}

const TITLES_NB: Readonly<Record<CheckId, string>> = {
  'dns-os': 'Navneoppslag (DNS) via operativsystemet',
  'dns-query': 'Navneoppslag (DNS) direkte mot DNS-server',
  tcp: 'TCP-tilkobling',
  tls: 'TLS-håndtrykk og sertifikat',
  'ipis-test': 'Sendemodulen IPIS, test (HTTPS)',
  'ipis-production': 'Sendemodulen IPIS, produksjon (HTTPS)',
  'ssb-info': 'SSBs filsluse',
  'ssb-login': 'Innlogging hos SSB',
  proxy: 'Proxy',
};

const KINDS_NB: Readonly<Record<string, string>> = {
  dns: 'navnet kan ikke slås opp i DNS',
  'connection-refused': 'tilkoblingen ble avvist',
  timeout: 'ingen svar innen tidsfristen (trafikken ser ut til å bli forkastet)',
  'connection-reset': 'tilkoblingen ble brutt',
  'tls-unknown-ca':
    'sertifikatet er utstedt av en sertifikatutsteder maskinen ikke stoler på (HTTPS-inspeksjon i proxy eller brannmur?)',
  'tls-expired': 'sertifikatet er utløpt eller ikke gyldig ennå',
  'tls-hostname': 'sertifikatet gjelder et annet vertsnavn (trafikken kan være omdirigert eller inspisert)',
  'tls-other': 'den sikre forbindelsen (TLS) feilet',
  proxy: 'proxyen kunne ikke koble videre',
  http: 'tjenesten svarte med feil, eller noe annet svarte i stedet',
  configuration: 'feil i oppsettet på maskinen',
  cancelled: 'testen ble avbrutt',
};

const LETTER =
  'brev fra Helsedirektoratet til landets kommuner 23.11.2016, «Ny innsendingsrutine for IPLOS», ref. 14/1092-22';

/** undefined when no network check failed; otherwise the order text. */
export function firewallOrder(results: readonly CheckResult[], context: FirewallOrderContext): string | undefined {
  const network = results.filter((result) => NETWORK_CHECK_IDS.includes(result.id));
  const failed = network.filter((result) => result.status === 'fail');
  if (failed.length === 0) return undefined;
  const warned = network.filter((result) => result.status === 'warn');
  const date = formatDate(context.date ?? new Date());
  const { host, expectedAddress: address, port } = context;
  const target = address && address !== host ? `${host} (${address})` : host;
  const kinds = new Set(failed.map((result) => String(result.data?.errorKind ?? '')));
  const proxyUrl = results.find((result) => result.id === 'proxy' && typeof result.data?.proxyUrl === 'string')?.data
    ?.proxyUrl as string | undefined;

  const lines: string[] = [];
  lines.push('Bestilling: åpning i brannmur for IPLOS-innsending (IPIS) i Helsenettet', '');
  lines.push('Til: IT-drift');
  lines.push(`Fra: IPLOS-innsendingsansvarlig${municipalityText(context) ? `, ${municipalityText(context)}` : ''}`);
  lines.push(`Dato: ${date}`, '');

  lines.push('Bakgrunn');
  lines.push(
    `Kommunen sender IPLOS-uttrekket til sendemodulen IPIS, som bare kan nås i Norsk Helsenett (jf. ${LETTER}). Tilkoblingstesten i IPLOS Innsending viser at maskinen der innsendingen gjøres, ikke når sendemodulen.`,
    '',
  );

  lines.push('Vi ber om');
  const requests: string[] = [];
  requests.push(
    `Åpning i brannmur for https (tcp/${port}) fra maskinen/nettet der innsendingen gjøres${context.source ? ` (${context.source})` : ''}, til ${target}. Adressen nås kun via Helsenettet.`,
  );
  requests.push(
    `At ${host} kan slås opp i DNS fra denne maskinen${address ? ` og gir ${address}` : ''}. Kontroll: «nslookup ${host}»${address ? ` skal svare ${address}` : ''}.`,
  );
  if (kinds.has('tls-unknown-ca') || kinds.has('tls-hostname')) {
    requests.push(
      'Hvis proxy eller brannmur inspiserer HTTPS (signerer sertifikater på nytt): send oss CA-sertifikatet den bruker (PEM-fil), så legges det inn i innstillingen «IPLOS: Ca File». Sertifikatkontrollen blir ikke slått av.',
    );
  }
  if (proxyUrl)
    requests.push(
      `Maskinen bruker proxyen ${proxyUrl}: den må også slippe gjennom https (tcp/${port}) til ${target}, eller ${host} må unntas fra proxy.`,
    );
  requests.forEach((request, index) => lines.push(`${index + 1}. ${request}`));
  lines.push('');

  lines.push('Detaljer');
  lines.push(`- Vertsnavn: ${host}`);
  if (address) lines.push(`- IP-adresse: ${address}`);
  lines.push(`- Port og protokoll: tcp/${port} (https)`);
  lines.push('- Retning: utgående, fra kommunens nett til Helsenettet');
  lines.push('');

  lines.push(`Observasjoner fra tilkoblingstesten ${date}`);
  for (const result of failed) lines.push(...observation(result, 'Feil'));
  for (const result of warned) lines.push(...observation(result, 'Merknad'));
  lines.push('');

  lines.push('Kontroll etter åpning');
  lines.push(
    `Kjør tilkoblingstesten i IPLOS Innsending på nytt, eller «nslookup ${host}» og i PowerShell «Test-NetConnection ${host} -Port ${port}» fra maskinen der innsendingen gjøres.`,
  );
  lines.push('');
  return lines.join('\n');
}

/**
 * The order from the settings, for the extension and the CLI alike: the host and port the
 * checks connect to (from the IPIS test URL), the expected address, the municipality, and
 * the date the checks ran (default: now). undefined when no network check failed, or when
 * the test URL is no URL (then the setting is what to fix, not the firewall).
 */
export function firewallOrderFor(
  results: readonly CheckResult[],
  settings: IplosSettings,
  profile: MunicipalityProfile | undefined,
  date?: Date,
): string | undefined {
  const target = sendModuleAddress(settings.endpoints.ipisTestUrl);
  if (!target) return undefined;
  return firewallOrder(results, {
    ...target,
    expectedAddress: settings.endpoints.expectedAddress,
    ...(date ? { date } : {}),
    ...(profile ? { municipality: profile.number, municipalityName: profile.name } : {}),
  });
}

function observation(result: CheckResult, label: string): string[] {
  const summary = summaryNb(result);
  return [
    `- ${label}: ${TITLES_NB[result.id]}${summary ? `: ${summary}` : ''}.`,
    `  Observert: ${oneLine(result.detail)}`,
  ];
}

/** A Norwegian summary from the machine-readable data, where there is one. */
function summaryNb(result: CheckResult): string {
  const data = result.data ?? {};
  const kind = typeof data.errorKind === 'string' ? data.errorKind : undefined;
  const addresses = Array.isArray(data.addresses) ? data.addresses.join(', ') : undefined;
  if (kind === 'mismatch' && addresses)
    return `${String(data.host ?? 'navnet')} slås opp til ${addresses}, ikke til forventet ${String(data.expectedAddress ?? '')}`.trim();
  if (kind === 'mismatch' && typeof data.environment === 'string') return `svarer som miljøet «${data.environment}»`;
  const where =
    typeof data.address === 'string'
      ? ` (${data.address}${data.port !== undefined ? `:${String(data.port)}` : ''})`
      : '';
  if (kind === 'dns' && result.status === 'warn')
    return `navnet kan ikke slås opp, men forventet adresse svarer direkte${where}`;
  const text = kind ? KINDS_NB[kind] : undefined;
  if (text) return `${text}${kind === 'dns' ? '' : where}`;
  if (result.status === 'fail') return `feilet${where}`;
  return '';
}

function municipalityText(context: FirewallOrderContext): string {
  const name = context.municipalityName?.trim();
  const withKommune = name && /kommune$/i.test(name) ? name : `${name} kommune`;
  const named = name ? withKommune : '';
  return [context.municipality?.trim(), named].filter(Boolean).join(' ');
}

function formatDate(date: Date): string {
  try {
    return new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long' }).format(date);
  } catch {
    return `${String(date.getDate()).padStart(2, '0')}.${String(date.getMonth() + 1).padStart(2, '0')}.${date.getFullYear()}`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
