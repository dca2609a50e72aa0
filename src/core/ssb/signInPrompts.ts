/**
 * What signing in may have to ask the user, implemented by each host: the extension with
 * VS Code input boxes and a modal, the CLI with a hidden prompt or IPLOS_SSB_OTP. The core
 * never shows anything itself, and never logs what the user answers.
 */

export interface OneTimeCodeRequest {
  username: string;
  /** MOVEit `mfa_supported_methods`: a code from an authenticator app, or one sent by e-mail. */
  authenticator: boolean;
  email: boolean;
  /** Asks SSB to e-mail a code (only when `email`); resolves to the masked address it went to. */
  sendEmailCode?: () => Promise<string>;
}

export interface SecurityNotice {
  /** `securityNoticeLabel` from /api/v1/info (may be empty). */
  label: string;
  /** `securityNotice` from /api/v1/info: shown to the user as SSB wrote it. */
  text: string;
}

export interface SignInPrompts {
  /** The one-time code, or undefined when the user cancels. */
  oneTimeCode(request: OneTimeCodeRequest): Promise<string | undefined>;
  /** true only when the user accepts SSB's notice; false = declined (the sign-in is cancelled). */
  acceptSecurityNotice(notice: SecurityNotice): Promise<boolean>;
}
