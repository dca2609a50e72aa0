/**
 * A local disk problem (no folder, no permission, the disk full): not the network's fault
 * and not a setting's, so the host does not send the user to the network or the settings.
 */
import { IplosError } from './errors';

export class LocalFileError extends IplosError {
  override readonly name = 'LocalFileError';
  declare readonly code: 'disk';

  constructor(message: string, options: { remedy?: string; detail?: string; cause?: unknown } = {}) {
    super('disk', message, options);
  }
}
