/**
 * SSB's sign-in questions in VS Code (the core's SignInPrompts): the one-time code in a
 * password-style input box (with "Send a code by e-mail" when SSB offers it), and SSB's
 * security notice as a modal with its full text — accepted only by the button. Input boxes
 * are made with createInputBox so the extension-host suite can answer them through the real
 * quick input (`onDidShowInput`); nothing typed is logged.
 */
import * as vscode from 'vscode';
import type { OneTimeCodeRequest, SecurityNotice, SignInPrompts } from '../../core/ssb/signInPrompts';
import { t } from '../localize';

export interface InputOptions {
  title: string;
  prompt?: string;
  password?: boolean;
  /** An error keeps the box open; an info message is a note only. */
  validate?: (value: string) => vscode.InputBoxValidationMessage | string | undefined;
  buttons?: { button: vscode.QuickInputButton; onPress: (box: vscode.InputBox) => void | Promise<void> }[];
}

export class VsCodeSignInPrompts implements SignInPrompts {
  private readonly shown = new vscode.EventEmitter<vscode.InputBox>();
  /** Every input box these prompts show, as it appears (for the extension-host suite). */
  readonly onDidShowInput = this.shown.event;

  async oneTimeCode(request: OneTimeCodeRequest): Promise<string | undefined> {
    const title = t('SSB: one-time code for {0}', request.username);
    const send = request.sendEmailCode;
    if (send && !request.authenticator) {
      const masked = await send();
      return this.ask({
        title,
        prompt: t('SSB sent a one-time code to {0}. Enter it here.', masked),
        password: true,
      });
    }
    return this.ask({
      title,
      prompt: t('Enter the one-time code from your authenticator app.'),
      password: true,
      ...(send
        ? {
            buttons: [
              {
                button: {
                  iconPath: new vscode.ThemeIcon('mail'),
                  tooltip: t('Send a code by e-mail instead'),
                },
                onPress: async (box) => {
                  box.busy = true;
                  try {
                    const masked = await send();
                    box.prompt = t('SSB sent a one-time code to {0}. Enter it here.', masked);
                  } catch (error) {
                    // The box stays open: the app's code still works, or the user can try again.
                    box.validationMessage = t(
                      'SSB could not send a code by e-mail: {0}',
                      error instanceof Error ? error.message : String(error),
                    );
                  } finally {
                    box.busy = false;
                  }
                },
              },
            ],
          }
        : {}),
    });
  }

  async acceptSecurityNotice(notice: SecurityNotice): Promise<boolean> {
    const accept = t('Accept');
    const answer = await vscode.window.showWarningMessage(
      notice.label || t("SSB's security notice"),
      {
        modal: true,
        detail: notice.text || t('SSB requires accepting its security notice before signing in.'),
      },
      accept,
    );
    return answer === accept;
  }

  /** One input box; resolves to the accepted value, or undefined when it is closed. */
  ask(options: InputOptions): Promise<string | undefined> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = options.title;
      box.prompt = options.prompt;
      box.password = options.password === true;
      box.ignoreFocusOut = true;
      box.buttons = (options.buttons ?? []).map(({ button }) => button);
      let done = false;
      const validate = (value: string): boolean => {
        const result = options.validate?.(value);
        box.validationMessage = result;
        return typeof result !== 'string' && result?.severity !== vscode.InputBoxValidationSeverity.Error;
      };
      const finish = (value: string | undefined): void => {
        if (done) return;
        done = true;
        subscriptions.forEach((subscription) => subscription.dispose());
        box.dispose();
        resolve(value);
      };
      const subscriptions = [
        box.onDidChangeValue(validate),
        box.onDidAccept(() => {
          if (validate(box.value)) finish(box.value);
        }),
        box.onDidHide(() => finish(undefined)),
        box.onDidTriggerButton((pressed) => {
          const entry = options.buttons?.find(({ button }) => button === pressed);
          void Promise.resolve(entry?.onPress(box)).catch((error: unknown) => {
            box.validationMessage = error instanceof Error ? error.message : String(error);
          });
        }),
      ];
      box.show();
      this.shown.fire(box);
    });
  }

  dispose(): void {
    this.shown.dispose();
  }
}
