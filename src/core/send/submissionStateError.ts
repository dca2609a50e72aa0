/**
 * What the history or the disk holds makes the asked-for send impossible: the submission is
 * already complete, there is no unfinished send with that reference, or its encrypted parts
 * are gone. Not the network's fault, so neither retried nor blamed on the connection.
 */
import { IplosError } from '../errors';

export class SubmissionStateError extends IplosError {
  override readonly name = 'SubmissionStateError';
  declare readonly code: 'submission-state';

  constructor(message: string, remedy: string, detail: string) {
    super('submission-state', message, { remedy, detail });
  }
}
