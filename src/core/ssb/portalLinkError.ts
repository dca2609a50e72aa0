/**
 * A link pasted from SSB's "New File Notification" e-mail that does not lead to a file: it
 * is no link, names no folder, or the folder is empty. The user's input, not the network.
 */
import { IplosError } from '../errors';

export class PortalLinkError extends IplosError {
  override readonly name = 'PortalLinkError';
  declare readonly code: 'portal-link';

  constructor(message: string, remedy: string, detail: string) {
    super('portal-link', message, { remedy, detail });
  }
}
