/**
 * What SSB does with a completed submission, as the sandbox assumes it: reassemble the
 * parts, decrypt them with the municipality's encryption key, check the extract (./ssbCheck.ts), and
 * after a delay publish `<knr><bydel>_iplos_<year>[_test].zip` — AES-256 with the feedback
 * key — into the municipality's `frassb` folder, uploaded by the user "frassb".
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { decryptArchive, isArchiveError } from '../../../src/core/archive';
import type { DemoMunicipality } from '../demoData';
import type { Receipt, Submission } from '../ipis/submissions';
import type { Portal, PortalFile } from '../moveit/portal';
import { feedbackFiles } from './feedbackFiles';
import { ssbCheck, ssbOnlyRow, type SsbCheckResult } from './ssbCheck';
import type { SsbErrorRow } from './ssbErrorRow';

export interface PublishedFeedback {
  municipality: string;
  bydel: string;
  submissionId: string;
  receiptId: string;
  fileId: string;
  fileName: string;
  folderId: number;
  /** Exactly the rows of the error list. */
  rows: SsbErrorRow[];
}

export const SSB_UPLOADER = { username: 'frassb', fullName: 'SSB IPLOS (frassb)' };

export function feedbackFileName(
  submission: Pick<Submission, 'municipality' | 'bydel' | 'year' | 'environment'>,
): string {
  return `${submission.municipality}${submission.bydel}_iplos_${submission.year}${submission.environment === 'test' ? '_test' : ''}.zip`;
}

export async function processSubmission(job: {
  submission: Submission;
  receipt: Receipt;
  municipality: DemoMunicipality;
  portal: Portal;
  delaySeconds: number;
  workDir: string;
  signal?: AbortSignal;
}): Promise<PublishedFeedback> {
  const { submission, municipality, portal } = job;
  const folder = join(job.workDir, 'ssb-processing', submission.id);
  await mkdir(folder, { recursive: true });
  try {
    const result = await checkSubmission(submission, municipality, folder);
    const key = municipality.feedbackKeys[submission.environment];
    const zip = await encryptFeedback(
      feedbackFiles(result, {
        municipality: submission.municipality,
        bydel: submission.bydel,
        year: submission.year,
        environment: submission.environment,
      }),
      key,
    );
    if (job.delaySeconds > 0) await sleep(job.delaySeconds * 1000, undefined, job.signal ? { signal: job.signal } : {});
    job.signal?.throwIfAborted();
    const frassb = portal.folderByPath(`/Home/Ekstern/iplos/${municipality.username}/frassb`);
    if (!frassb) throw new Error(`no frassb folder for ${municipality.username}`);
    const name = feedbackFileName(submission);
    // A new feedback replaces the earlier one of the same name, as an upload over it would.
    for (const earlier of portal.filesIn(frassb.id).filter((file: PortalFile) => file.name === name))
      await portal.deleteFile(earlier.id);
    const file = await portal.addFile(frassb.id, name, zip, {
      ...SSB_UPLOADER,
      comment: `Tilbakemelding for innsending ${job.receipt.receiptId}`,
    });
    return {
      municipality: submission.municipality,
      bydel: submission.bydel,
      submissionId: submission.id,
      receiptId: job.receipt.receiptId,
      fileId: file.id,
      fileName: name,
      folderId: frassb.id,
      rows: result.rows,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function checkSubmission(
  submission: Submission,
  municipality: DemoMunicipality,
  folder: string,
): Promise<SsbCheckResult> {
  const archive = join(folder, submission.fileName);
  const parts = [...submission.parts.values()].sort((a, b) => a.index - b.index);
  const out = createWriteStream(archive);
  for (const part of parts) await pipeline(createReadStream(part.diskPath), out, { end: false });
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const extracted = join(folder, 'extract');
  try {
    await decryptArchive(archive, extracted, { key: municipality.encryptionKey });
  } catch (error) {
    const reason = isArchiveError(error) ? error.message : String(error);
    return { rows: [ssbOnlyRow('Z01', submission.year, { value: reason })], statistics: undefined };
  }
  const xml = (await readdir(extracted)).find((name) => name.toLowerCase().endsWith('.xml'));
  if (!xml)
    return {
      rows: [ssbOnlyRow('Z01', submission.year, { value: 'the archive holds no .xml file' })],
      statistics: undefined,
    };
  return ssbCheck(join(extracted, xml), submission.municipality, submission.year);
}

export async function encryptFeedback(files: { name: string; content: Buffer }[], key: string): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password: key, encryptionStrength: 3, useWebWorkers: false });
  for (const file of files) await writer.add(file.name, new Uint8ArrayReader(file.content));
  return Buffer.from(await writer.close());
}
