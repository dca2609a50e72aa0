import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Submissions received by the (assumed) IPIS send module, with their parts on disk. */
export type Environment = 'test' | 'production';

export interface ReceivedPart {
  index: number;
  size: number;
  sha256: string;
  diskPath: string;
  receivedAt: string;
}

export interface Receipt {
  receiptId: string;
  submissionId: string;
  environment: Environment;
  municipality: string;
  bydel: string;
  year: number;
  fileName: string;
  completedAt: string;
  totalSize: number;
  sha256: string;
  parts: { index: number; size: number; sha256: string }[];
}

export interface Submission {
  id: string;
  environment: Environment;
  municipality: string;
  bydel: string;
  year: number;
  fileName: string;
  partCount: number;
  totalSize: number;
  sha256: string;
  clientReference?: string;
  createdAt: string;
  parts: Map<number, ReceivedPart>;
  receipt?: Receipt;
}

export class SubmissionStore {
  readonly submissions = new Map<string, Submission>();
  private nextReceipt = 1;
  readonly partDir: string;

  constructor(stateDir: string) {
    this.partDir = join(stateDir, 'ipis-parts');
    mkdirSync(this.partDir, { recursive: true });
  }

  create(fields: Omit<Submission, 'id' | 'createdAt' | 'parts'>): Submission {
    const submission: Submission = {
      ...fields,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      parts: new Map(),
    };
    this.submissions.set(submission.id, submission);
    mkdirSync(this.folderOf(submission), { recursive: true });
    return submission;
  }

  byClientReference(environment: Environment, municipality: string, reference: string): Submission | undefined {
    return [...this.submissions.values()].find(
      (s) => s.environment === environment && s.municipality === municipality && s.clientReference === reference,
    );
  }

  folderOf(submission: Submission): string {
    return join(this.partDir, submission.id);
  }

  missingParts(submission: Submission): number[] {
    return Array.from({ length: submission.partCount }, (_, i) => i + 1).filter(
      (index) => !submission.parts.has(index),
    );
  }

  issueReceipt(submission: Submission): Receipt {
    const parts = [...submission.parts.values()].sort((a, b) => a.index - b.index);
    submission.receipt = {
      receiptId: `IPIS-${new Date().getFullYear()}-${String(this.nextReceipt++).padStart(6, '0')}`,
      submissionId: submission.id,
      environment: submission.environment,
      municipality: submission.municipality,
      bydel: submission.bydel,
      year: submission.year,
      fileName: submission.fileName,
      completedAt: new Date().toISOString(),
      totalSize: submission.totalSize,
      sha256: submission.sha256,
      parts: parts.map(({ index, size, sha256 }) => ({ index, size, sha256 })),
    };
    return submission.receipt;
  }

  async removeAll(): Promise<void> {
    await rm(this.partDir, { recursive: true, force: true });
  }
}

export function statusModel(store: SubmissionStore, submission: Submission) {
  return {
    id: submission.id,
    environment: submission.environment,
    municipality: submission.municipality,
    bydel: submission.bydel,
    year: submission.year,
    fileName: submission.fileName,
    partCount: submission.partCount,
    totalSize: submission.totalSize,
    sha256: submission.sha256,
    status: submission.receipt ? 'complete' : 'open',
    createdAt: submission.createdAt,
    parts: Array.from({ length: submission.partCount }, (_, i) => {
      const part = submission.parts.get(i + 1);
      return part
        ? { index: i + 1, received: true, size: part.size, sha256: part.sha256, receivedAt: part.receivedAt }
        : { index: i + 1, received: false };
    }),
    missingParts: store.missingParts(submission),
    ...(submission.receipt ? { receipt: submission.receipt } : {}),
  };
}
