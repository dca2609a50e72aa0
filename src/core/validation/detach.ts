/**
 * A copy of a string that shares no memory with the chunk it came from. saxes slices
 * attribute values out of the chunk it parses, and V8 keeps a slice's (and a concatenation's)
 * parent string alive: a finding kept in the report must not hold a 64 KiB chunk, or a
 * hundred findings per rule would hold megabytes.
 */
export function detach(value: string): string {
  return value.length === 0 ? '' : Buffer.from(value, 'utf8').toString('utf8');
}
