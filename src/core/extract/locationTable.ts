/**
 * The compact store behind the extract index: where each client (`Bruker`) and its services
 * (`Tjeneste`) start, by `brukerNr`, in typed arrays instead of one object per element.
 *
 * An index of every client in a 1 GiB extract holds about two million clients and five
 * million services; as objects in a Map that would be several hundred MiB, here it is about
 * 70 bytes per client with the generator's shape (6-digit numbers, ~2.5 services each):
 *   per client  16 bytes (line, column, end of key, end of services: 4 × Uint32)
 *             + 2 bytes per character of brukerNr (UTF-16 code units)
 *             + 8–16 bytes of hash slots (Int32, the table is kept at most half full)
 *   per service 12 bytes (line, column, service type id: 3 × Uint32)
 * plus the unused capacity of the arrays (they double) and, while one doubles, its old copy.
 * Measured: indexing all 1.87 million clients of a 1 GiB extract peaks ~190 MiB (~100 bytes
 * per client) above indexing 5 000 of them. Lines and columns are stored as Uint32, so they
 * are exact below 4 294 967 296.
 *
 * Services are stored in file order, each client's in one run: a service always belongs to
 * the client added last.
 */

export interface TagLocation {
  /** One-based line of the `<` of the start tag. */
  line: number;
  /** One-based column of the `<`, counted in Unicode characters. */
  column: number;
}

export interface ServiceLocation extends TagLocation {
  /** `Tjeneste/@tjenesteType` as found (trimmed); '' when the attribute is missing. */
  serviceType: string;
}

export interface ClientLocation {
  brukerNr: string;
  /** The `Bruker` start tag. */
  bruker: TagLocation;
  /** The `Tjeneste` elements inside that `Bruker`, in file order. */
  services: ServiceLocation[];
  /** The client's first `Vurdering` (function assessment), when it has one. */
  assessment?: TagLocation;
}

/**
 * A `Vurdering` is kept in the service arrays under this type, which no `tjenesteType` can be
 * (an XML attribute cannot hold U+0000): 12 bytes per assessment and no new arrays.
 */
const ASSESSMENT_TYPE = '\u0000Vurdering';

const INITIAL_CLIENTS = 1024;
const INITIAL_SERVICES = 4096;
const INITIAL_KEY_UNITS = 8192;
/** Empty slot in the hash table; a used slot holds the client's number + 1. */
const EMPTY = 0;

export class LocationTable {
  private clients = 0;
  private services = 0;
  private keyUnitsUsed = 0;

  // Per client: [keyEnd[i-1], keyEnd[i]) are its brukerNr's code units, and
  // [serviceEnd[i-1], serviceEnd[i]) its services.
  private clientLine = new Uint32Array(INITIAL_CLIENTS);
  private clientColumn = new Uint32Array(INITIAL_CLIENTS);
  private keyEnd = new Uint32Array(INITIAL_CLIENTS);
  private serviceEnd = new Uint32Array(INITIAL_CLIENTS);
  private keyUnits = new Uint16Array(INITIAL_KEY_UNITS);

  private serviceLine = new Uint32Array(INITIAL_SERVICES);
  private serviceColumn = new Uint32Array(INITIAL_SERVICES);
  private serviceTypeId = new Uint32Array(INITIAL_SERVICES);
  /** Distinct service types; a handful in practice (Volven 9151). */
  private readonly serviceTypes: string[] = [];
  private readonly serviceTypeIds = new Map<string, number>();

  /** Open addressing with linear probing; length a power of two, at most half full. */
  private slots = new Int32Array(INITIAL_CLIENTS * 2);

  /** Number of clients stored. */
  get size(): number {
    return this.clients;
  }

  /** Bytes held by the typed arrays (their capacity, not only the used part). */
  get byteLength(): number {
    const arrays = [
      this.clientLine,
      this.clientColumn,
      this.keyEnd,
      this.serviceEnd,
      this.keyUnits,
      this.serviceLine,
      this.serviceColumn,
      this.serviceTypeId,
      this.slots,
    ];
    return arrays.reduce((sum, array) => sum + array.byteLength, 0);
  }

  /**
   * Adds a client; the services added next belong to it. Returns false, and stores nothing,
   * when `brukerNr` is already stored: the first client with a number is the one located.
   */
  add(brukerNr: string, line: number, column: number): boolean {
    if ((this.clients + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const mask = this.slots.length - 1;
    let slot = hash(brukerNr) & mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY) break;
      if (this.keyEquals(entry - 1, brukerNr)) return false;
      slot = (slot + 1) & mask;
    }

    const client = this.clients;
    if (client === this.clientLine.length) this.growClients();
    if (this.keyUnitsUsed + brukerNr.length > this.keyUnits.length) {
      this.keyUnits = grown(this.keyUnits, Math.max(this.keyUnits.length * 2, this.keyUnitsUsed + brukerNr.length));
    }
    for (let i = 0; i < brukerNr.length; i++) this.keyUnits[this.keyUnitsUsed + i] = brukerNr.charCodeAt(i);
    this.keyUnitsUsed += brukerNr.length;
    this.keyEnd[client] = this.keyUnitsUsed;
    this.clientLine[client] = line;
    this.clientColumn[client] = column;
    this.serviceEnd[client] = this.services;
    this.slots[slot] = client + 1;
    this.clients++;
    return true;
  }

  /** Adds a service to the client added last. */
  addService(line: number, column: number, serviceType: string): void {
    if (this.clients === 0)
      throw new Error('LocationTable.addService: no client to add the service to; add the client first');
    const service = this.services;
    if (service === this.serviceLine.length) {
      const capacity = service * 2;
      this.serviceLine = grown(this.serviceLine, capacity);
      this.serviceColumn = grown(this.serviceColumn, capacity);
      this.serviceTypeId = grown(this.serviceTypeId, capacity);
    }
    let typeId = this.serviceTypeIds.get(serviceType);
    if (typeId === undefined) {
      typeId = this.serviceTypes.length;
      this.serviceTypes.push(serviceType);
      this.serviceTypeIds.set(serviceType, typeId);
    }
    this.serviceLine[service] = line;
    this.serviceColumn[service] = column;
    this.serviceTypeId[service] = typeId;
    this.services++;
    this.serviceEnd[this.clients - 1] = this.services;
  }

  /** Adds the `Vurdering` of the client added last (only its first counts). */
  addAssessment(line: number, column: number): void {
    this.addService(line, column, ASSESSMENT_TYPE);
  }

  has(brukerNr: string): boolean {
    return this.find(brukerNr) >= 0;
  }

  /** A fresh object each call: the table itself keeps no objects per client. */
  get(brukerNr: string): ClientLocation | undefined {
    const client = this.find(brukerNr);
    if (client < 0) return undefined;
    const first = client === 0 ? 0 : (this.serviceEnd[client - 1] as number);
    const end = this.serviceEnd[client] as number;
    const services: ServiceLocation[] = [];
    let assessment: TagLocation | undefined;
    for (let s = first; s < end; s++) {
      const line = this.serviceLine[s] as number;
      const column = this.serviceColumn[s] as number;
      const serviceType = this.serviceTypes[this.serviceTypeId[s] as number] as string;
      if (serviceType !== ASSESSMENT_TYPE) services.push({ line, column, serviceType });
      else assessment ??= { line, column };
    }
    return {
      brukerNr,
      bruker: { line: this.clientLine[client] as number, column: this.clientColumn[client] as number },
      services,
      ...(assessment ? { assessment } : {}),
    };
  }

  /** Every stored brukerNr, in file order. */
  *keys(): IterableIterator<string> {
    for (let client = 0; client < this.clients; client++) yield this.key(client);
  }

  private find(brukerNr: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hash(brukerNr) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === EMPTY) return -1;
      if (this.keyEquals(entry - 1, brukerNr)) return entry - 1;
    }
  }

  private keyStart(client: number): number {
    return client === 0 ? 0 : (this.keyEnd[client - 1] as number);
  }

  private key(client: number): string {
    return String.fromCharCode(...this.keyUnits.subarray(this.keyStart(client), this.keyEnd[client]));
  }

  private keyEquals(client: number, brukerNr: string): boolean {
    const start = this.keyStart(client);
    if ((this.keyEnd[client] as number) - start !== brukerNr.length) return false;
    for (let i = 0; i < brukerNr.length; i++) {
      if (this.keyUnits[start + i] !== brukerNr.charCodeAt(i)) return false;
    }
    return true;
  }

  private growClients(): void {
    const capacity = this.clientLine.length * 2;
    this.clientLine = grown(this.clientLine, capacity);
    this.clientColumn = grown(this.clientColumn, capacity);
    this.keyEnd = grown(this.keyEnd, capacity);
    this.serviceEnd = grown(this.serviceEnd, capacity);
  }

  private rehash(length: number): void {
    const slots = new Int32Array(length);
    const mask = length - 1;
    for (let client = 0; client < this.clients; client++) {
      let slot = hashUnits(this.keyUnits, this.keyStart(client), this.keyEnd[client] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = client + 1;
    }
    this.slots = slots;
  }
}

function grown<T extends Uint16Array | Uint32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

// FNV-1a over UTF-16 code units; the same for a string and for its stored units.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hash(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (units[i] as number), FNV_PRIME);
  return h >>> 0;
}
