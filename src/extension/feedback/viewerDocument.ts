/**
 * What one viewer panel shows: SSB's feedback (a decrypted folder, FeedbackDocument) or the
 * local control of an extract (LocalControlDocument). The panels (feedbackPanels.ts) own the
 * webview, its serializer and the messages every document answers the same way (copy,
 * export); a document reads its data, sends it, and answers what is its own.
 */
import type * as vscode from 'vscode';
import type { FeedbackSet } from '../../core/feedback';
import type { HostMessage } from '../../shared/feedbackProtocol';

export interface ViewerDocument extends vscode.Disposable {
  /** What the webview keeps in its state; the serializer reopens the document from it. */
  readonly key: string;
  readonly title: string;
  /** The files shown, once read (copy and export take their rows from here). */
  readonly set: FeedbackSet | undefined;
  /** The webview is ready — the first time, or rebuilt after being hidden: send it everything. */
  load(): Promise<void>;
  goToRecord(file: number, row: number): Promise<void>;
  /** A file of the set on disk, to open in VS Code; undefined when there is none. */
  filePath(file: number): string | undefined;
  /** Where "Export CSV…" suggests saving the rows of a file. */
  exportPath(file: number): string | undefined;
  chooseExtract?(): Promise<void>;
  validateAgain?(): Promise<void>;
  /** "Compare with…" an earlier round, and back (SSB's feedback only). */
  chooseComparison?(): Promise<void>;
  stopComparing?(): Promise<void>;
  /** The language changed: forget what was read in the old one, so the next load reads it again. */
  relocalize?(): void;
}

/** Sends a message to the document's webview. */
export type PostToView = (message: HostMessage) => void;
