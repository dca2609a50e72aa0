/**
 * A Local control document as the host sends it (four findings with their lines), shared by
 * the Local control webview test and the accessibility test.
 */
import type { ViewLocalControl, ViewSet } from '../../src/shared/feedbackProtocol';
import { FEEDBACK_STRING_KEYS } from '../../src/shared/feedbackStringKeys';

export const EXTRACT = 'IPLOS_0403_2025.xml';

const COLUMNS = [
  { name: 'Severity', role: 'severity', numeric: false },
  { name: 'Rule', role: 'code', numeric: false },
  { name: 'Client', role: 'brukerNr', numeric: false },
  { name: 'Service type', role: 'serviceType', numeric: false },
  { name: 'Element', numeric: false },
  { name: 'Variable', role: 'variable', numeric: false },
  { name: 'Value', role: 'value', numeric: false },
  { name: 'Message', role: 'message', numeric: false },
  { name: 'Line', numeric: false },
  { name: 'Found by', numeric: false },
] as const;

export interface Row {
  severity: 'error' | 'warning' | 'critical';
  code: string;
  brukerNr: string;
  element: string;
  variable: string;
  value: string;
  message: string;
  line: number;
}

export const FINDINGS: Row[] = [
  {
    severity: 'error',
    code: 'C01',
    brukerNr: '',
    element: 'Melding',
    variable: '',
    value: '',
    message: 'No contact person of type 17.',
    line: 2,
  },
  {
    severity: 'error',
    code: 'T01',
    brukerNr: '100001',
    element: 'Tjeneste',
    variable: 'tjenesteType',
    value: '99',
    message: 'Unknown service type 99.',
    line: 7,
  },
  {
    severity: 'error',
    code: 'T02',
    brukerNr: '100002',
    element: 'Tjeneste',
    variable: 'tilDato',
    value: '2025-02-01',
    message: 'tilDato before fraDato.',
    line: 11,
  },
  {
    severity: 'warning',
    code: 'B01',
    brukerNr: '100004',
    element: 'Bruker',
    variable: '',
    value: '',
    message: 'The client has no services.',
    line: 17,
  },
];

export function localSet(findings: Row[], control: Partial<ViewLocalControl> = {}): ViewSet {
  const severityText = { error: 'Error', warning: 'Warning', critical: 'Critical error' } as const;
  return {
    key: `local-control:/work/${EXTRACT}`,
    title: `Local control: ${EXTRACT}`,
    files: [
      {
        id: 0,
        name: 'Local control',
        size: 4000,
        kind: 'error-list',
        source: { encoding: 'utf-8', delimiter: '' },
        columns: COLUMNS.map((column) => ({ ...column })),
        rows: findings.map((finding) => [
          severityText[finding.severity],
          finding.code,
          finding.brukerNr,
          finding.element === 'Tjeneste' ? '15' : '',
          finding.element,
          finding.variable,
          finding.value,
          finding.message,
          String(finding.line),
          'Local control',
        ]),
        malformed: { count: 0, examples: [] },
        errors: findings.map((finding, row) => ({
          row,
          brukerNr: finding.brukerNr,
          code: finding.code,
          severity: finding.severity,
          severityText: severityText[finding.severity],
          located: true,
          at: { line: finding.line, column: 5 },
        })),
      },
    ],
    extract: { name: EXTRACT, located: 3, wanted: 3 },
    catalogue: {
      T01: {
        title: 'Unknown service type',
        meaning: 'The service type is not in code list 9151.',
        fix: 'Map the service to a valid code in the EPJ.',
        source: 'A: XPR(ipl)_CodingSchemes.xsd, code list 9151',
      },
      C01: { title: 'No submission officer', meaning: 'No Kontaktperson of type 17.', fix: 'Register one in the EPJ.' },
    },
    strings: Object.fromEntries(FEEDBACK_STRING_KEYS.map((key) => [key, key])),
    locale: 'nb-NO',
    localControl: {
      checkedAt: '01.12.2026, 14:05',
      clients: 5,
      services: 4,
      fatal: false,
      stale: false,
      capped: [],
      ...control,
    },
  };
}
