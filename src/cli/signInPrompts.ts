/**
 * What SSB's sign-in may ask, on the command line: the one-time code from IPLOS_SSB_OTP or
 * a hidden prompt on a terminal (an e-mail code on request), and SSB's security notice shown
 * in full and accepted only by typing "yes". Without a terminal (a script) a missing answer
 * is a usage error; nothing is ever accepted or retried on the user's behalf.
 */
import type { SignInPrompts } from '../core/ssb/signInPrompts';
import { msg } from '../core/i18n';
import { UsageError } from './cliError';
import type { CliIo } from './io';
import { promptLine } from './promptLine';
import { promptHidden } from './readSecret';

export const OTP_VARIABLE = 'IPLOS_SSB_OTP';

export function cliSignInPrompts(io: CliIo): SignInPrompts {
  const interactive = io.stdin.isTTY === true && io.stderr.isTTY === true;
  return {
    async oneTimeCode(request) {
      const fromEnv = io.env[OTP_VARIABLE];
      if (fromEnv) return fromEnv;
      if (!interactive)
        throw new UsageError(
          msg(
            'SSB asks for a one-time code (two-step verification) for {0}: set {1} to the code, or run in a terminal to be asked',
            request.username,
            OTP_VARIABLE,
          ),
        );
      if (request.sendEmailCode && !request.authenticator) {
        io.stderr.write(`${msg('SSB sent a one-time code to {0}.', await request.sendEmailCode())}\n`);
        return promptHidden(`${msg('One-time code')}: `, io);
      }
      const question = request.sendEmailCode
        ? `${msg('One-time code (from the app; press Enter to get one by e-mail)')}: `
        : `${msg('One-time code')}: `;
      const code = await promptHidden(question, io);
      if (code || !request.sendEmailCode) return code;
      io.stderr.write(`${msg('SSB sent a one-time code to {0}.', await request.sendEmailCode())}\n`);
      return promptHidden(`${msg('One-time code')}: `, io);
    },
    async acceptSecurityNotice(notice) {
      if (!interactive)
        throw new UsageError(
          msg(
            "SSB requires accepting its security notice before signing in: run the command once in a terminal to read and accept it (or sign in once in VS Code or SSB's web portal)",
          ),
        );
      io.stderr.write(`\n${notice.label || msg("SSB's security notice")}\n\n${notice.text}\n\n`);
      // Under nb "ja" accepts too; "yes" always does (a habit, or a script written for the English prompt).
      const answer = await promptLine(`${msg('Accept this notice? Type "yes" to accept')}: `, io);
      return ['yes', msg('yes')].includes(answer.trim().toLowerCase());
    },
  };
}
